//! The committee's work: setup, checks, rounds, counting, candidates, notices, review, exchange.
//! Imports `base`, `law` and `record`; never `office` or `demo`.
pub mod candidates; // 差额, pre-selection, the final list and its date
pub mod checks; // every check_* a screen calls before recording an event
pub mod count; // one round's events to the engine's decision, totals checks, two counters
pub mod exchange; // what each bundle carries, and whom an import trusts
pub mod notices; // 公示: the voter list's 20 days, objections, the 八个公开
pub mod papers; // the papers of voting day: ballots, voter cards, the sign-in book, proxy certificates
pub mod progress; // the workflow stage, the progress and result reports for the office
pub mod review; // 联审: the request to the office, the office's review desk, the review file
pub mod rounds; // the first-round ballot, the next round (tie re-vote or 另行选举) and its deadline
pub mod setup; // a lawful definition and the preparation gates (no audit, no election)
