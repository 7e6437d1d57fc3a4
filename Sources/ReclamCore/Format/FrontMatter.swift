import Foundation

/// The split of a Markdown file into YAML front-matter and body.
///
/// Ranges are kept into the original text so that an edit can replace exactly the bytes it
/// must and leave every other byte (comments, quoting, line endings) as the user wrote it.
public struct FrontMatter: Sendable {
    public enum Problem: Error, Sendable, Equatable {
        case missing
        case unclosed(openedAt: Int)

        public var rule: Rule {
            switch self {
            case .missing: .frontmatterMissing
            case .unclosed: .frontmatterUnclosed
            }
        }

        public var message: String {
            switch self {
            case .missing:
                "no front-matter: the file must start with a line '---', then YAML fields, then a line '---'"
            case .unclosed(let line):
                "front-matter opened on line \(line) is never closed; add a line '---' after the last field"
            }
        }
    }

    /// The YAML text between the delimiter lines (including its last line ending).
    public var yamlRange: Range<String.Index>
    /// The closing delimiter line, kept to insert new fields just before it.
    public var closingLineRange: Range<String.Index>
    public var bodyRange: Range<String.Index>
    /// Line number (1-based) of the first YAML line in the file.
    public var firstYAMLLine: Int

    public static func split(_ text: String) throws(Problem) -> FrontMatter {
        // Lines found with memchr on the contiguous bytes (nearly every string); byte offsets
        // become indices in constant time on native strings.
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Result<(Int, Int, Int), Problem> in
            guard let base = bytes.baseAddress else { return .failure(.missing) }
            var lineStart = 0
            var yamlStart: Int?
            while lineStart < bytes.count {
                let newline = memchr(base + lineStart, 0x0A, bytes.count - lineStart).map {
                    UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base
                }
                let lineEnd = newline ?? bytes.count
                let next = newline.map { $0 + 1 } ?? bytes.count
                let content = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if let start = yamlStart {
                    if isDelimiter(content, UInt8(ascii: "-")) || isDelimiter(content, UInt8(ascii: ".")) {
                        return .success((start, lineStart, next))
                    }
                } else {
                    guard isDelimiter(content, UInt8(ascii: "-")) else { return .failure(.missing) }
                    yamlStart = next
                }
                lineStart = next
            }
            return .failure(yamlStart == nil ? .missing : .unclosed(openedAt: 1))
        }
        if let found {
            let (yamlStart, closingStart, bodyStart) = try found.get()
            let utf8 = text.utf8
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            return FrontMatter(
                yamlRange: index(yamlStart)..<index(closingStart), closingLineRange: index(closingStart)..<index(bodyStart),
                bodyRange: index(bodyStart)..<text.endIndex, firstYAMLLine: 2)
        }
        return try splitLineByLine(text)
    }

    static func splitLineByLine(_ text: String) throws(Problem) -> FrontMatter {
        // Works on UTF-8 bytes: line breaks and "---" are ASCII, so every index found is a valid
        // String.Index, and this avoids the cost of Character iteration on every file read.
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var yamlStart: String.Index?
        var lineNumber = 0
        while lineStart < utf8.endIndex {
            let newline = utf8[lineStart...].firstIndex(of: 0x0A) ?? utf8.endIndex
            let next = newline == utf8.endIndex ? newline : utf8.index(after: newline)
            lineNumber += 1
            let content = utf8[lineStart..<newline]
            if let start = yamlStart {
                if isDelimiter(content, UInt8(ascii: "-")) || isDelimiter(content, UInt8(ascii: ".")) {
                    return FrontMatter(
                        yamlRange: start..<lineStart, closingLineRange: lineStart..<next, bodyRange: next..<text.endIndex, firstYAMLLine: 2)
                }
            } else {
                guard isDelimiter(content, UInt8(ascii: "-")) else { throw .missing }
                yamlStart = next
            }
            lineStart = next
        }
        if yamlStart == nil { throw .missing }
        throw .unclosed(openedAt: 1)
    }

    /// `---` (or `...`) followed only by spaces, tabs or a carriage return.
    private static func isDelimiter(_ line: UnsafeBufferPointer<UInt8>, _ mark: UInt8) -> Bool {
        guard line.count >= 3, line[0] == mark, line[1] == mark, line[2] == mark else { return false }
        return line[3...].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func isDelimiter(_ line: Substring.UTF8View, _ mark: UInt8) -> Bool {
        var index = line.startIndex
        for _ in 0..<3 {
            guard index < line.endIndex, line[index] == mark else { return false }
            index = line.index(after: index)
        }
        return line[index...].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}

/// Walks lines, handing out each line's content (without its ending) and its full range.
package struct LineCursor {
    let text: String
    package var position: String.Index

    package init(_ text: String) {
        self.text = text
        self.position = text.startIndex
    }

    package mutating func next() -> (content: Range<String.Index>, full: Range<String.Index>)? {
        guard position < text.endIndex else { return nil }
        let start = position
        // Swift treats "\r\n" as one Character, so searching for either ends the line correctly.
        if let newline = text[start...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
            position = text.index(after: newline)
            return (start..<newline, start..<position)
        }
        position = text.endIndex
        return (start..<text.endIndex, start..<text.endIndex)
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var end = endIndex
        while end > startIndex {
            let previous = index(before: end)
            if self[previous] == " " || self[previous] == "\t" || self[previous] == "\r" { end = previous } else { break }
        }
        return self[startIndex..<end]
    }
}
