import Foundation
import ReclamCore

/// Cuts a long linear history into consecutive ranges whose logs git can write at the same time.
///
/// `git log --raw` is single-threaded and, the cases tree growing with the ledger, it is most of
/// an audit's time (643 s of 779 s on 100 000 cases). On a history without merges, the ranges
/// `A..B` and `B..C` hold exactly the commits of `A..C`, and their reversed logs put end to end
/// are the reversed log of `A..C`: each range can have its own git process. With merges, the
/// log interleaves the branches by date, which ranges would not reproduce: no split then (nor
/// the `--relative` log, see `GitHistory.forEachBatch`, which this check also decides).
package enum HistorySplit {
    /// Revision arguments for `git log`, the oldest range first: up to `parts` ranges of at
    /// least `minimum` commits, the whole range when it is too short to cut; nil when it has a
    /// merge or git fails on it (the caller's usual log then reports the failure as before).
    package static func ranges(in root: URL, since: String?, parts: Int, minimum: Int) -> [String]? {
        let whole = since.map { "\($0)..HEAD" } ?? "HEAD"
        guard let output = try? GitHistory.run(["-C", root.path, "rev-list", "--parents", whole]) else { return nil }
        // Newest first, a line per commit: its id, then its parents' ids.
        var lines: [Int] = []
        let linear = output.withUnsafeBytes { bytes -> Bool in
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                if bytes[start..<end].lazy.filter({ $0 == UInt8(ascii: " ") }).count > 1 { return false }
                if end - start >= 40 { lines.append(start) }
                start = end + 1
            }
            return true
        }
        guard linear else { return nil }
        let count = min(parts, lines.count / max(minimum, 1))
        guard count > 1 else { return [whole] }
        func commit(_ line: Int) -> String { String(decoding: output[lines[line]..<lines[line] + 40], as: UTF8.self) }
        var before = 0.0
        if let since {
            guard let counted = try? GitHistory.run(["-C", root.path, "rev-list", "--count", since]),
                let number = Double(String(decoding: counted, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            else { return [whole] }
            before = number
        }
        // A commit's log costs about the size of the cases tree, which grows by a folder per
        // new learner, roughly in proportion to the commits before it: the ranges get equal
        // shares of base·x + x²/2 (x commits into the range, `base` commits before it).
        let total = Double(lines.count)
        func cost(_ x: Double) -> Double { before * x + x * x / 2 }
        var bounds: [String] = []
        var previous = 0
        for part in 1..<count {
            let share = cost(total) * Double(part) / Double(count)
            let x = Int((-before + (before * before + 2 * share).squareRoot()).rounded())
            guard x > previous, x < lines.count else { return [whole] }
            bounds.append(commit(lines.count - x))
            previous = x
        }
        var ranges = [since.map { "\($0)..\(bounds[0])" } ?? bounds[0]]
        for (lower, upper) in zip(bounds, bounds.dropFirst() + [commit(0)]) { ranges.append("\(lower)..\(upper)") }
        return ranges
    }
}
