/// "Did you mean" over a fixed list of candidates, prepared once: a check that meets 100 000
/// unknown keys asks 100 000 times, so the candidates are lowered and split into scalars once,
/// and each comparison is bounded by the largest distance that could still be suggested.
public struct Suggester: Sendable {
    /// Suggestions made for one file at most: past a few unknown keys, the file is not a typo
    /// away from right, and 100 000 of them would cost more than reading it.
    public static let perFile = 20

    struct Candidate: Sendable {
        var name: String
        var lowered: String
        var scalars: [Unicode.Scalar]
    }

    let candidates: [Candidate]

    public init(_ names: [String]) {
        candidates = names.map { name in
            let lowered = name.lowercased()
            return Candidate(name: name, lowered: lowered, scalars: Array(lowered.unicodeScalars))
        }
    }

    /// The candidate equal to `word` but for case; else the nearest within a third of its
    /// length (at least 2 edits); else one that starts with the word or that it starts with.
    public func closest(to word: String) -> String? {
        let lowered = word.lowercased()
        if let exact = candidates.first(where: { $0.lowered == lowered }) { return exact.name }
        let limit = max(2, word.count / 3)
        let length = lowered.unicodeScalars.count
        // The distance is at least the difference of the lengths: a candidate whose length is
        // too far off is not compared, so a word of a million characters costs one pass, not
        // a million times each candidate's length.
        if candidates.contains(where: { abs($0.scalars.count - length) <= limit }) {
            let scalars = Array(lowered.unicodeScalars)
            var best: (name: String, distance: Int)?
            for candidate in candidates where abs(candidate.scalars.count - length) <= limit {
                let bound = min(limit, (best?.distance ?? Int.max) - 1)
                if let d = Self.distance(scalars, candidate.scalars, atMost: bound) { best = (candidate.name, d) }
            }
            if let best { return best.name }
        }
        return candidates.first { $0.name.hasPrefix(lowered) || lowered.hasPrefix($0.name) && $0.name.count >= 3 }?.name
    }

    /// Levenshtein distance between `a` and `b` when it is at most `bound`, else nil; stops as
    /// soon as a whole row exceeds the bound.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost bound: Int) -> Int? {
        guard bound >= 0, abs(a.count - b.count) <= bound else { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > bound { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }
}
