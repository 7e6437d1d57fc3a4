import Foundation

/// Surgical edits of a front-matter: each edit replaces or inserts only the bytes it must, so
/// that comments, key order, quoting, the body and line endings survive and a transition shows
/// up in `git diff` as the few lines it really changed.
public struct FrontMatterEditor: Sendable {
    public private(set) var document: MarkdownDocument

    public enum EditError: Error, Sendable, CustomStringConvertible {
        case notEditable(field: String, line: Int)
        case reparse(MarkdownDocument.Problem)

        public var description: String {
            switch self {
            case .notEditable(let field, let line):
                "field '\(field)' on line \(line) is a list or a mapping; edit it by hand"
            case .reparse(let problem):
                "the edited file no longer parses: \(problem.message)"
            }
        }
    }

    public init(_ document: MarkdownDocument) {
        self.document = document
    }

    public var text: String { document.text }
    private var eol: String { document.file.lineEnding }

    /// Sets a top-level scalar field, replacing its value in place or adding a line at the end.
    public mutating func set(_ field: String, to value: String) throws(EditError) {
        guard let pair = document.root?.pairs?.first(where: { $0.key == field }) else {
            try insertBeforeClosing("\(field): \(YAMLScalarWriter.block(value))\(eol)")
            return
        }
        let node = pair.value
        guard case .scalar(let current) = node.content else {
            throw .notEditable(field: field, line: pair.keyStart.line)
        }
        if current == value { return }
        let positions = TextPositions(text)
        switch node.style {
        case .literal, .folded:
            throw .notEditable(field: field, line: pair.keyStart.line)
        default:
            break
        }
        if current.isEmpty && node.style == .plain {
            // An empty value has no span of its own: rewrite what follows the key's colon.
            let keyIndex = positions.index(of: pair.keyStart)
            let lineEnd = positions.lineContentEnd(containing: keyIndex)
            guard let colon = text[keyIndex..<lineEnd].firstIndex(of: ":") else {
                throw .notEditable(field: field, line: pair.keyStart.line)
            }
            let rest = text[text.index(after: colon)..<lineEnd]
            let comment = rest.range(of: " #").map { String(rest[$0.lowerBound...]) } ?? ""
            try replace(text.index(after: colon)..<lineEnd, with: " " + YAMLScalarWriter.block(value) + comment)
            return
        }
        let range = positions.index(of: node.start)..<positions.index(of: node.end)
        if node.start.line != node.end.line {
            throw .notEditable(field: field, line: pair.keyStart.line)
        }
        try replace(range, with: YAMLScalarWriter.block(value))
    }

    /// Appends one item to a top-level block list, written on one line in flow style, after the
    /// list's last item and with the same indentation; creates the list when absent.
    public mutating func append(to field: String, flowItem: String) throws(EditError) {
        guard let pair = document.root?.pairs?.first(where: { $0.key == field }) else {
            try insertBeforeClosing("\(field):\(eol)  - \(flowItem)\(eol)")
            return
        }
        let positions = TextPositions(text)
        switch pair.value.content {
        case .sequence(let items) where pair.value.style == .block && !items.isEmpty:
            let last = items[items.count - 1]
            let firstItemStart = positions.index(of: items[0].start)
            let lineStart = positions.lineStart(containing: firstItemStart)
            // The indentation before "- " of the first item.
            let dashIndex = text[lineStart..<firstItemStart].lastIndex(of: "-") ?? lineStart
            let indent = String(text[lineStart..<dashIndex])
            let lastEnd = positions.index(of: last.end)
            let insertAt = positions.lineFullEnd(
                containing: last.end.column == 1 && last.end.line > last.start.line ? text.index(before: lastEnd) : lastEnd)
            try replace(insertAt..<insertAt, with: "\(indent)- \(flowItem)\(eol)")
        case .sequence(let items) where items.isEmpty:
            let range = positions.index(of: pair.value.start)..<positions.index(of: pair.value.end)
            try replace(range, with: "\(eol)  - \(flowItem)")
        case .scalar(let s) where s.isEmpty && pair.value.style == .plain:
            let keyIndex = positions.index(of: pair.keyStart)
            let lineEnd = positions.lineContentEnd(containing: keyIndex)
            let full = positions.lineFullEnd(containing: keyIndex)
            let lineEnding = String(text[lineEnd..<full])
            try replace(lineEnd..<full, with: "\(lineEnding.isEmpty ? eol : lineEnding)  - \(flowItem)\(eol)")
        default:
            throw .notEditable(field: field, line: pair.keyStart.line)
        }
    }

    /// Adds a word to a top-level list, keeping the list's style: `[a, b]` stays on one line,
    /// a block list gets a new `- item` line.
    public mutating func addToList(_ field: String, value: String) throws(EditError) {
        guard let pair = document.root?.pairs?.first(where: { $0.key == field }) else {
            try insertBeforeClosing("\(field): [\(YAMLScalarWriter.flow(value))]\(eol)")
            return
        }
        guard let items = pair.value.items else { throw .notEditable(field: field, line: pair.keyStart.line) }
        if items.contains(where: { $0.scalar == value }) { return }
        if pair.value.style == .flow || items.isEmpty {
            guard pair.value.start.line == pair.value.end.line else { throw .notEditable(field: field, line: pair.keyStart.line) }
            let positions = TextPositions(text)
            let range = positions.index(of: pair.value.start)..<positions.index(of: pair.value.end)
            let words = items.compactMap(\.scalar) + [value]
            try replace(range, with: "[" + words.map(YAMLScalarWriter.flow).joined(separator: ", ") + "]")
        } else {
            try append(to: field, flowItem: YAMLScalarWriter.flow(value))
        }
    }

    /// Removes a top-level field written on one line (`key: value`); nothing when absent.
    public mutating func remove(_ field: String) throws(EditError) {
        guard let pair = document.root?.pairs?.first(where: { $0.key == field }) else { return }
        guard pair.value.scalar != nil, pair.value.end.line <= pair.keyStart.line + (pair.value.end.column == 1 ? 1 : 0) else {
            throw .notEditable(field: field, line: pair.keyStart.line)
        }
        let positions = TextPositions(text)
        let keyIndex = positions.index(of: pair.keyStart)
        let start = positions.lineStart(containing: keyIndex)
        try replace(start..<positions.lineFullEnd(containing: keyIndex), with: "")
    }

    /// Replaces a top-level list (block or flow) with a one-line flow list of `values`.
    public mutating func setFlowList(_ field: String, values: [String]) throws(EditError) {
        let flow = "[" + values.map(YAMLScalarWriter.flow).joined(separator: ", ") + "]"
        guard let pair = document.root?.pairs?.first(where: { $0.key == field }) else {
            try insertBeforeClosing("\(field): \(flow)\(eol)")
            return
        }
        let positions = TextPositions(text)
        let keyIndex = positions.index(of: pair.keyStart)
        var end = positions.lineContentEnd(containing: keyIndex)
        if let items = pair.value.items {
            if pair.value.style == .flow {
                end = positions.index(of: pair.value.end)
            } else if let last = items.last {
                let lastEnd = positions.index(of: last.end)
                // A block item may end at the start of the next line.
                let inside =
                    lastEnd > keyIndex && lastEnd == positions.lineStart(containing: lastEnd) ? text.index(before: lastEnd) : lastEnd
                end = positions.lineContentEnd(containing: inside)
            }
        } else if pair.value.scalar != "" || pair.value.style != .plain {
            throw .notEditable(field: field, line: pair.keyStart.line)
        }
        try replace(keyIndex..<end, with: "\(field): \(flow)")
    }

    /// Appends a line at the end of a `## Heading` section of the body, creating the section at
    /// the end of the file when it is missing.
    public mutating func appendToSection(_ heading: String, line: String) throws(EditError) {
        var cursor = LineCursor(text)
        cursor.position = document.frontMatter.bodyRange.lowerBound
        var headingEnd: String.Index?
        var blankAfterHeading: String.Index?
        var lastContentEnd: String.Index?
        while let next = cursor.next() {
            let content = text[next.content].trimmingTrailingSpaces
            let isHeading = content.hasPrefix("## ") || content.hasPrefix("# ")
            if headingEnd == nil {
                if content.hasPrefix("## ") && content.dropFirst(3).trimmingCharacters(in: .whitespaces) == heading {
                    headingEnd = next.full.upperBound
                }
                continue
            }
            if isHeading { break }
            if content.trimmingCharacters(in: .whitespaces).isEmpty {
                if lastContentEnd == nil && blankAfterHeading == nil { blankAfterHeading = next.full.upperBound }
            } else {
                lastContentEnd = next.full.upperBound
            }
        }
        guard let headingEnd else {
            var insertion = text.endsWithLineBreak || text.isEmpty ? "" : eol
            if !text.hasSuffix("\n\n") && !text.hasSuffix("\r\n\r\n") { insertion += eol }
            insertion += "## \(heading)\(eol)\(eol)\(line)\(eol)"
            try replace(text.endIndex..<text.endIndex, with: insertion)
            return
        }
        // After the section's last line; in an empty section, after the blank line that
        // follows the heading, so the journal reads as a list under its title.
        let at = lastContentEnd ?? blankAfterHeading ?? headingEnd
        var insertion = ""
        if at == text.endIndex && !text.endsWithLineBreak { insertion += eol }
        if lastContentEnd == nil && blankAfterHeading == nil { insertion += eol }
        if lastContentEnd != nil && !String(text[text.startIndex..<at]).endsWithLineBreak { insertion += eol }
        insertion += line + eol
        try replace(at..<at, with: insertion)
    }

    private mutating func insertBeforeClosing(_ lines: String) throws(EditError) {
        let at = document.frontMatter.closingLineRange.lowerBound
        try replace(at..<at, with: lines)
    }

    private mutating func replace(_ range: Range<String.Index>, with replacement: String) throws(EditError) {
        var newText = text
        newText.replaceSubrange(range, with: replacement)
        var file = document.file
        file.text = newText
        do {
            document = try MarkdownDocument.parse(file)
        } catch {
            throw .reparse(error)
        }
    }
}

/// Maps libyaml's (line, column) marks — which count characters — back to string indices.
struct TextPositions {
    let text: String
    private var lineStarts: [String.Index]

    init(_ text: String) {
        self.text = text
        var starts = [text.startIndex]
        var index = text.startIndex
        while let newline = text[index...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
            index = text.index(after: newline)
            starts.append(index)
        }
        lineStarts = starts
    }

    func index(of location: SourceLocation) -> String.Index {
        let lineIndex = min(max(location.line - 1, 0), lineStarts.count - 1)
        var index = lineStarts[lineIndex]
        var remaining = location.column - 1
        // libyaml counts "\r" and "\n" separately; Swift joins them: count by unicode scalars.
        var scalars = text.unicodeScalars[index...].makeIterator()
        var scalarIndex = index
        while remaining > 0, scalars.next() != nil {
            scalarIndex = text.unicodeScalars.index(after: scalarIndex)
            remaining -= 1
        }
        index = scalarIndex
        return index
    }

    func lineStart(containing index: String.Index) -> String.Index {
        lineStarts.last { $0 <= index } ?? text.startIndex
    }

    func lineContentEnd(containing index: String.Index) -> String.Index {
        text[index...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? text.endIndex
    }

    func lineFullEnd(containing index: String.Index) -> String.Index {
        guard let newline = text[index...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) else { return text.endIndex }
        return text.index(after: newline)
    }

    func lineFullEnd(containing location: SourceLocation) -> String.Index {
        lineFullEnd(containing: index(of: location))
    }
}

extension String {
    /// Swift compares characters, and "\r\n" is one character: `hasSuffix("\n")` misses it.
    var endsWithLineBreak: Bool { last == "\n" || last == "\r\n" }
}
