//! The voter search index: name, ID number and phone, found by any part.

/// Substring search over voters: one lowercase text with a segment per voter, scanned with
/// `str::find`. A voter whose details change gets a new segment; the old one is blanked with
/// NUL bytes (never in a query), so updates stay O(1) and nothing is rebuilt.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct SearchIndex {
    text: String,
    /// Segment start offsets (ascending) and the voter index each belongs to.
    starts: Vec<usize>,
    owners: Vec<usize>,
    /// Current segment of each voter.
    current: Vec<usize>,
}

impl SearchIndex {
    pub(super) fn set(&mut self, voter: usize, hay: &str) {
        if let Some(&seg) = self.current.get(voter) {
            let (a, b) = (self.starts[seg], self.segment_end(seg));
            self.text.replace_range(a..b, &"\0".repeat(b - a));
        }
        let seg = self.starts.len();
        self.starts.push(self.text.len());
        self.owners.push(voter);
        let clean: String = hay.chars().filter(|c| *c != '\n' && *c != '\0').collect();
        self.text.push_str(&clean);
        self.text.push('\n');
        if voter == self.current.len() {
            self.current.push(seg);
        } else {
            self.current[voter] = seg;
        }
    }

    /// End of a segment's text (before its newline).
    fn segment_end(&self, seg: usize) -> usize {
        self.starts.get(seg + 1).map_or(self.text.len(), |&s| s) - 1
    }

    pub(super) fn find(&self, query: &str, limit: usize) -> Vec<usize> {
        let q: String = query.to_lowercase().chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
        let mut out = Vec::new();
        if q.is_empty() {
            return out;
        }
        let mut pos = 0;
        while out.len() < limit {
            let Some(off) = self.text[pos..].find(&q) else {
                break;
            };
            let seg = self.starts.partition_point(|&s| s <= pos + off) - 1;
            out.push(self.owners[seg]);
            pos = self.segment_end(seg) + 1;
        }
        out
    }
}
