import Foundation
import ReclamCore

/// Turns the output of `git log -z --raw` with `GitHistory`'s format into commits, fed in
/// chunks as they come from the pipe, so that a long history is never held whole.
///
/// It works on bytes: the separators are ASCII control characters, each its own grapheme, so
/// cutting the bytes at them gives the same fields as cutting the decoded text at them, and
/// decoding each field on its own repairs invalid UTF-8 exactly as decoding the whole would.
package struct GitLogParser {
    private var pending: [UInt8] = []
    /// Put before every path: what `git log --relative=FOLDER/` strips from them.
    let pathPrefix: String

    init(pathPrefix: String = "") {
        self.pathPrefix = pathPrefix
    }

    static let recordSeparator = UInt8(0x1E)
    static let fieldSeparator = UInt8(0x1F)
    static let trailerSeparator = UInt8(0x1D)

    /// Parses every record that `bytes` completes; the last, unfinished one waits for more.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (HistoryCommit) -> Void) {
        guard !bytes.isEmpty else { return }
        let input = bytes.assumingMemoryBound(to: UInt8.self)
        guard let last = input.lastIndex(of: Self.recordSeparator) else {
            pending.append(contentsOf: input)
            return
        }
        // The records are those of `pending + input[..<last]`; input[last...] begins the next one.
        var start = input.startIndex
        if let first = input.firstIndex(of: Self.recordSeparator), !pending.isEmpty {
            pending.append(contentsOf: input[..<first])
            pending.withUnsafeBufferPointer { Self.parseRecord($0, pathPrefix).map(emit) }
            pending.removeAll(keepingCapacity: true)
            start = first + 1
        }
        if start <= last {
            Self.parseRecords(UnsafeBufferPointer(rebasing: input[start..<last]), pathPrefix, emit)
        }
        pending.append(contentsOf: input[(last + 1)...])
    }

    /// Parses the last record, at the end of the output.
    mutating func finish(_ emit: (HistoryCommit) -> Void) {
        pending.withUnsafeBufferPointer { Self.parseRecord($0, pathPrefix).map(emit) }
        pending.removeAll()
    }

    /// Parses a whole output at once.
    static func parse(_ data: Data) -> [HistoryCommit] {
        var commits: [HistoryCommit] = []
        var parser = GitLogParser()
        data.withUnsafeBytes { parser.feed($0) { commits.append($0) } }
        parser.finish { commits.append($0) }
        return commits
    }

    /// Records separated by the record separator, none of them cut.
    static func parseRecords(_ bytes: UnsafeBufferPointer<UInt8>, _ pathPrefix: String, _ emit: (HistoryCommit) -> Void) {
        var start = bytes.startIndex
        while start <= bytes.endIndex {
            let end = bytes[start...].firstIndex(of: recordSeparator) ?? bytes.endIndex
            parseRecord(UnsafeBufferPointer(rebasing: bytes[start..<end]), pathPrefix).map(emit)
            start = end + 1
        }
    }

    /// One record: eight fields, then the raw part (`:modes shas status NUL path NUL [path NUL]`).
    /// Anything else (an empty record, fewer fields) is not a commit.
    static func parseRecord(_ record: UnsafeBufferPointer<UInt8>, _ pathPrefix: String = "") -> HistoryCommit? {
        guard !record.isEmpty else { return nil }
        var fields: [Range<Int>] = []
        fields.reserveCapacity(9)
        var start = record.startIndex
        while fields.count < 8, let separator = record[start...].firstIndex(of: fieldSeparator) {
            fields.append(start..<separator)
            start = separator + 1
        }
        guard fields.count == 8 else { return nil }
        fields.append(start..<record.endIndex)
        func text(_ index: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: record[fields[index]]), as: UTF8.self) }
        var trailers: [(key: String, value: String)] = []
        // Trailers are few; they go through String so that `:` is matched as the Character it was.
        for line in record[fields[7]].split(separator: trailerSeparator) {
            let line = String(decoding: UnsafeBufferPointer(rebasing: line), as: UTF8.self)
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = Trim.whitespaces(line[line.startIndex..<colon])
            let value = Trim.whitespacesAndNewlines(line[colon...].dropFirst())
            trailers.append((key, value))
        }
        let parents = record[fields[1]].split(separator: UInt8(ascii: " ")).map {
            String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self)
        }
        return HistoryCommit(
            id: text(0), parents: parents, authorName: text(2), authorEmail: text(3), authorDateText: text(4),
            committerDateText: text(5), summary: text(6), trailers: trailers,
            changes: parseRaw(UnsafeBufferPointer(rebasing: record[fields[8]]), pathPrefix))
    }

    /// The raw part of a record, or the output of `git diff-tree --raw -z`.
    package static func parseRaw(_ raw: UnsafeBufferPointer<UInt8>, _ pathPrefix: String = "") -> [FileChange] {
        var parts = raw.split(separator: 0, omittingEmptySubsequences: false)[...]
        var changes: [FileChange] = []
        func next() -> String? {
            guard let part = parts.popFirst() else { return nil }
            return Trim.newlines(UnsafeBufferPointer(rebasing: part))
        }
        while let head = next() {
            guard head.utf8.first == UInt8(ascii: ":") else { continue }
            let columns = head.utf8.dropFirst().split(separator: UInt8(ascii: " "))
            guard columns.count >= 5, let status = columns[4].first.map({ Character(Unicode.Scalar($0)) }) else { continue }
            let oldBlob = blob(columns[2])
            let newBlob = blob(columns[3])
            guard let first = next().map({ pathPrefix + $0 }) else { break }
            if status == "R" || status == "C" {
                guard let second = next().map({ pathPrefix + $0 }) else { break }
                changes.append(FileChange(status: status, oldPath: first, path: second, oldBlob: oldBlob, newBlob: newBlob))
            } else {
                changes.append(
                    FileChange(status: status, oldPath: status == "A" ? nil : first, path: first, oldBlob: oldBlob, newBlob: newBlob))
            }
        }
        return changes
    }

    /// A blob id of the raw format; nil for the 40 zeros that stand for no file.
    static func blob(_ column: Substring.UTF8View.SubSequence) -> String? {
        if column.count == 40 && column.allSatisfy({ $0 == UInt8(ascii: "0") }) { return nil }
        return String(Substring(column))
    }
}

/// Trimming as Foundation's `trimmingCharacters(in:)` does (by Unicode scalar, the sets being
/// within the BMP), without bridging every string to `NSString`.
package enum Trim {
    package static func whitespaces(_ text: Substring) -> String {
        trim(text) { $0 == " " || $0 == "\t" || ($0.value >= 0x80 && CharacterSet.whitespaces.contains($0)) }
    }

    static func whitespacesAndNewlines(_ text: Substring) -> String {
        trim(text) {
            ($0.value >= 0x09 && $0.value <= 0x0D) || $0 == " " || ($0.value >= 0x80 && CharacterSet.whitespacesAndNewlines.contains($0))
        }
    }

    static func newlines(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Paths and raw headers have no newline at either end, but for the header's leading one.
        if let first = bytes.first, let last = bytes.last, first >= 0x20, first < 0x80, last >= 0x20, last < 0x80 {
            return String(decoding: bytes, as: UTF8.self)
        }
        return trim(Substring(String(decoding: bytes, as: UTF8.self))) {
            ($0.value >= 0x0A && $0.value <= 0x0D) || ($0.value >= 0x80 && CharacterSet.newlines.contains($0))
        }
    }

    static func trim(_ text: Substring, _ drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, drop(scalars[start]) { start = scalars.index(after: start) }
        while end > start, drop(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
