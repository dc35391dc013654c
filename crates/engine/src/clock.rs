//! Processor time, of the calling thread and of the whole process.
//!
//! The sequential stage runs while the next files are read and prepared on
//! the other cores, so its wall-clock time also counts the time it waits for
//! a core. Its own processor time is what it would take alone. The process's
//! processor time, set against the wall clock, tells work from waiting (for
//! the disk, or for cores that other programs hold).

use std::time::Duration;

/// Processor time used by the calling thread so far.
pub fn thread_time() -> Duration {
    cpu_time(Clock::Thread)
}

/// Processor time used by all threads of the process so far.
pub fn process_time() -> Duration {
    cpu_time(Clock::Process)
}

enum Clock {
    Thread,
    Process,
}

#[cfg(unix)]
fn cpu_time(clock: Clock) -> Duration {
    let id = match clock {
        Clock::Thread => libc::CLOCK_THREAD_CPUTIME_ID,
        Clock::Process => libc::CLOCK_PROCESS_CPUTIME_ID,
    };
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec, and both clocks are
    // supported on every Unix this builds for.
    let ok = unsafe { libc::clock_gettime(id, &mut t) } == 0;
    if !ok {
        return Duration::ZERO;
    }
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Elsewhere: wall-clock time since the first call, an upper bound.
#[cfg(not(unix))]
fn cpu_time(_: Clock) -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

#[cfg(test)]
mod tests {
    use super::{process_time, thread_time};
    use std::time::Duration;

    /// Keeps the calling thread busy, returning the processor time it took.
    fn spin() -> Duration {
        let start = thread_time();
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        std::hint::black_box(x);
        thread_time() - start
    }

    #[test]
    fn a_busy_thread_uses_processor_time_and_a_sleeping_one_does_not() {
        assert!(spin() > Duration::ZERO);
        let before = thread_time();
        std::thread::sleep(Duration::from_millis(200));
        let slept = thread_time() - before;
        assert!(slept < Duration::from_millis(100), "{slept:?}");
    }

    #[test]
    fn the_process_counts_the_work_of_its_other_threads() {
        let before = process_time();
        let busy = std::thread::spawn(spin).join().expect("the worker finishes");
        let process = process_time() - before;
        assert!(busy > Duration::ZERO);
        assert!(process >= busy, "the process used {process:?}, its worker alone {busy:?}");
    }
}
