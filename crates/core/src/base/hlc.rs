//! Hybrid logical clock: wall-clock milliseconds plus a counter, so events from devices with
//! skewed clocks still order causally (an event is always later than what its device had seen).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Hlc {
    /// Milliseconds since the Unix epoch (the largest wall time seen).
    pub ms: u64,
    /// Tie-breaker within one millisecond.
    pub n: u32,
}

impl Hlc {
    /// The next time for a local event, given the wall clock now.
    pub fn tick(self, wall_ms: u64) -> Hlc {
        if wall_ms > self.ms {
            Hlc { ms: wall_ms, n: 0 }
        } else {
            Hlc { ms: self.ms, n: self.n + 1 }
        }
    }

    /// Advance past a time received from another device (on merge).
    pub fn observe(self, other: Hlc) -> Hlc {
        self.max(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_is_monotonic_even_when_the_wall_clock_goes_back() {
        let a = Hlc::default().tick(1_000);
        let b = a.tick(900);
        let c = b.tick(1_000);
        assert!(a < b && b < c);
        assert_eq!(Hlc::default().tick(5).tick(6), Hlc { ms: 6, n: 0 });
    }

    #[test]
    fn observe_takes_the_later_time() {
        let mine = Hlc { ms: 10, n: 3 };
        assert_eq!(mine.observe(Hlc { ms: 12, n: 0 }).tick(11), Hlc { ms: 12, n: 1 });
    }
}
