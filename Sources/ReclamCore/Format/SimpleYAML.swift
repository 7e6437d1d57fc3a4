import Foundation

/// A byte scanner for the YAML that reclam itself writes, tried before libyaml.
///
/// Case files are nearly always in one shape: a block mapping of `key: value` lines whose
/// values are one-line plain or double-quoted scalars or flow lists of plain words, and a
/// `steps:` block list of one-line flow mappings. Parsing that shape through libyaml's event
/// stream was a third of `reclam check`. This scanner reads only that shape and builds exactly
/// the nodes, styles and positions libyaml gives (a test compares the two on every file it
/// can find, and a fuzz test on random and mutated documents); on anything else — comments, quotes it cannot be sure of, block scalars,
/// multi-line values, anchors, tags, duplicate keys, tabs, CR — it returns nil and the caller
/// uses libyaml, so every error and message stays libyaml's.
enum SimpleYAML {
    static func read(_ text: Substring, lineOffset: Int) -> YAMLNode? {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var scanner = Scanner(bytes: bytes, lineOffset: lineOffset)
            return scanner.document()
        } ?? nil
    }

    private struct Scanner {
        /// libyaml refuses a key longer than this ("could not find expected ':'"); keys are ASCII
        /// here, so characters are bytes.
        static let longestKey = 1024

        let bytes: UnsafeBufferPointer<UInt8>
        let lineOffset: Int
        /// Current line: its index (0-based), first byte and end (at its line feed).
        var line = 0
        var lineStart = 0
        var lineEnd = 0

        init(bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) {
            self.bytes = bytes
            self.lineOffset = lineOffset
        }

        /// The last position computed on the current line: `location` counts from there, so
        /// that the positions of a line's scalars, asked in order, cost one pass over the line.
        var markIndex = 0
        var markColumn = 1

        /// Position of `index` on the current line, counted in characters as libyaml does.
        mutating func location(_ index: Int) -> SourceLocation {
            if index < markIndex {
                markIndex = lineStart
                markColumn = 1
            }
            var i = markIndex
            while i < index {
                if bytes[i] & 0xC0 != 0x80 { markColumn += 1 }
                i += 1
            }
            markIndex = index
            return SourceLocation(line: line + 1 + lineOffset, column: markColumn)
        }

        /// Moves to the line starting at `start`; false at the end of the text.
        mutating func enterLine(at start: Int, index: Int) -> Bool {
            guard start < bytes.count else { return false }
            line = index
            lineStart = start
            markIndex = start
            markColumn = 1
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            lineEnd = end
            return true
        }

        mutating func document() -> YAMLNode? {
            // Bytes that can change the meaning of a line anywhere in it: fall back at once.
            guard Scanner.plainBytes(bytes) else { return nil }
            var pairs: [YAMLPair] = []
            var keys = KeyIndex()
            var rootStart: SourceLocation?
            var next = 0
            var index = 0
            var pendingSequence: (key: String, keyStart: SourceLocation)?
            var sequence: [YAMLNode] = []
            var sequenceStart: SourceLocation?
            var sequenceIndent = 0

            func closeSequence(at end: SourceLocation) -> Bool {
                guard let pending = pendingSequence, let start = sequenceStart, !sequence.isEmpty else { return false }
                pairs.append(
                    YAMLPair(
                        key: pending.key, keyStart: pending.keyStart,
                        value: YAMLNode(content: .sequence(sequence.fitted()), style: .block, start: start, end: end)))
                pendingSequence = nil
                sequence = []
                sequenceStart = nil
                return true
            }

            while enterLine(at: next, index: index) {
                next = lineEnd + 1
                index += 1
                if lineStart == lineEnd { continue }  // an empty line
                if bytes[lineStart] == 0x20 {
                    // A list item of the key just read: "  - value".
                    guard pendingSequence != nil else { return nil }
                    var indent = lineStart
                    while indent < lineEnd && bytes[indent] == 0x20 { indent += 1 }
                    guard indent + 1 < lineEnd, bytes[indent] == 0x2D, bytes[indent + 1] == 0x20 else { return nil }
                    if sequence.isEmpty {
                        sequenceIndent = indent - lineStart
                        sequenceStart = location(indent)
                    } else if indent - lineStart != sequenceIndent {
                        return nil
                    }
                    var valueStart = indent + 2
                    while valueStart < lineEnd && bytes[valueStart] == 0x20 { valueStart += 1 }
                    // "- " and nothing else: an empty item, and no byte to look at when the text ends there.
                    guard valueStart < lineEnd, let item = blockValue(from: valueStart) else { return nil }
                    sequence.append(item)
                    continue
                }
                if pendingSequence != nil {
                    guard closeSequence(at: location(lineStart)) else { return nil }
                }
                // A top-level "key: value" line.
                guard isKeyStart(bytes[lineStart]) else { return nil }
                var keyEnd = lineStart + 1
                while keyEnd < lineEnd && isKeyByte(bytes[keyEnd]) { keyEnd += 1 }
                guard keyEnd < lineEnd, bytes[keyEnd] == 0x3A, keyEnd - lineStart <= Scanner.longestKey else { return nil }
                let key = string(lineStart, keyEnd)
                if keys.first(key, in: pairs) != nil { return nil }  // libyaml reports it
                let keyStart = location(lineStart)
                if rootStart == nil { rootStart = keyStart }
                if keyEnd + 1 == lineEnd {
                    // "key:" alone: only a list on the next lines is understood here.
                    pendingSequence = (key, keyStart)
                    continue
                }
                guard bytes[keyEnd + 1] == 0x20 else { return nil }
                var valueStart = keyEnd + 1
                while valueStart < lineEnd && bytes[valueStart] == 0x20 { valueStart += 1 }
                guard valueStart < lineEnd, let value = blockValue(from: valueStart) else { return nil }
                pairs.append(YAMLPair(key: key, keyStart: keyStart, value: value))
            }
            guard let rootStart else { return nil }
            // libyaml ends the stream at the start of the line after the last one, whether or
            // not the text ends with a line feed.
            let end = SourceLocation(line: index + 1 + lineOffset, column: 1)
            if pendingSequence != nil {
                guard closeSequence(at: end) else { return nil }
            }
            return YAMLNode(content: .mapping(pairs.fitted()), style: .block, start: rootStart, end: end)
        }

        /// A value that runs to the end of the current line, in block context.
        mutating func blockValue(from start: Int) -> YAMLNode? {
            switch bytes[start] {
            case 0x22:  // "
                guard let (node, after) = doubleQuoted(from: start), onlySpaces(after, lineEnd) else { return nil }
                return node
            case 0x5B:  // [
                guard let (node, after) = flowSequence(from: start), onlySpaces(after, lineEnd) else { return nil }
                return node
            case 0x7B:  // {
                guard let (node, after) = flowMapping(from: start), onlySpaces(after, lineEnd) else { return nil }
                return node
            default:
                guard !isIndicator(bytes[start]) else { return nil }
                var end = lineEnd
                while end > start && bytes[end - 1] == 0x20 { end -= 1 }
                // ": " inside is an error for libyaml, and a final ':' starts a mapping.
                var i = start
                while i < end {
                    if bytes[i] == 0x3A && (i + 1 == end || bytes[i + 1] == 0x20) { return nil }
                    i += 1
                }
                return YAMLNode(content: .scalar(string(start, end)), style: .plain, start: location(start), end: location(end))
            }
        }

        /// A one-line double-quoted scalar without escapes; returns the node and the index after it.
        mutating func doubleQuoted(from start: Int) -> (YAMLNode, Int)? {
            var end = start + 1
            while end < lineEnd && bytes[end] != 0x22 { end += 1 }
            guard end < lineEnd else { return nil }
            return (
                YAMLNode(content: .scalar(string(start + 1, end)), style: .doubleQuoted, start: location(start), end: location(end + 1)),
                end + 1
            )
        }

        /// `[a, b]` of plain words.
        mutating func flowSequence(from start: Int) -> (YAMLNode, Int)? {
            var items: [YAMLNode] = []
            let startLocation = location(start)
            var i = skipSpaces(start + 1)
            if i < lineEnd && bytes[i] == 0x5D {
                return (YAMLNode(content: .sequence([]), style: .flow, start: startLocation, end: location(i + 1)), i + 1)
            }
            while true {
                guard let (item, after) = flowScalar(from: i) else { return nil }
                items.append(item)
                guard let (next, closed) = separator(after: after, closing: 0x5D) else { return nil }
                i = next
                if closed { break }
            }
            return (YAMLNode(content: .sequence(items.fitted()), style: .flow, start: startLocation, end: location(i + 1)), i + 1)
        }

        /// `{key: value, key: value}` with plain keys and plain or double-quoted values.
        mutating func flowMapping(from start: Int) -> (YAMLNode, Int)? {
            var pairs: [YAMLPair] = []
            var keys = KeyIndex()
            let startLocation = location(start)
            var i = skipSpaces(start + 1)
            guard i < lineEnd, bytes[i] != 0x7D else { return nil }
            while true {
                guard i < lineEnd, isKeyStart(bytes[i]) else { return nil }
                var keyEnd = i + 1
                while keyEnd < lineEnd && isKeyByte(bytes[keyEnd]) { keyEnd += 1 }
                guard keyEnd + 1 < lineEnd, bytes[keyEnd] == 0x3A, bytes[keyEnd + 1] == 0x20, keyEnd - i <= Scanner.longestKey else {
                    return nil
                }
                let key = string(i, keyEnd)
                if keys.first(key, in: pairs) != nil { return nil }
                let keyStart = location(i)
                guard let (value, after) = flowScalar(from: skipSpaces(keyEnd + 1)) else { return nil }
                pairs.append(YAMLPair(key: key, keyStart: keyStart, value: value))
                guard let (next, closed) = separator(after: after, closing: 0x7D) else { return nil }
                i = next
                if closed { break }
            }
            return (YAMLNode(content: .mapping(pairs.fitted()), style: .flow, start: startLocation, end: location(i + 1)), i + 1)
        }

        /// After an entry of a flow collection: where the next entry starts, or where the
        /// collection closes; nil when neither a comma nor `closing` follows.
        func separator(after index: Int, closing: UInt8) -> (next: Int, closed: Bool)? {
            let i = skipSpaces(index)
            guard i < lineEnd else { return nil }
            if bytes[i] == closing { return (i, true) }
            guard bytes[i] == 0x2C else { return nil }
            return (skipSpaces(i + 1), false)
        }

        /// A plain or double-quoted scalar inside a flow collection, up to `,` `]` or `}`.
        mutating func flowScalar(from start: Int) -> (YAMLNode, Int)? {
            guard start < lineEnd else { return nil }
            if bytes[start] == 0x22 { return doubleQuoted(from: start) }
            guard !isIndicator(bytes[start]) else { return nil }
            var i = start
            var end = start
            while i < lineEnd {
                let byte = bytes[i]
                if byte == 0x2C || byte == 0x5D || byte == 0x7D { break }
                // Flow context is where libyaml versions differ; accept ':' only inside times.
                if byte == 0x5B || byte == 0x7B || byte == 0x3F || byte == 0x22 { return nil }
                if byte == 0x3A && !(i + 1 < lineEnd && isDigit(bytes[i + 1])) { return nil }
                i += 1
                if byte != 0x20 { end = i }
            }
            guard end > start else { return nil }
            return (YAMLNode(content: .scalar(string(start, end)), style: .plain, start: location(start), end: location(end)), end)
        }

        /// False when a byte could change a line's meaning wherever it stands: '#' (comments), tab,
        /// backslash (escapes), control characters, and the characters libyaml reads as line
        /// breaks or refuses (C1 controls with NEL, LS, PS, BOM, U+FFFE/FFFF).
        static func plainBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var i = 0
            let count = bytes.count
            while i < count {
                let byte = bytes[i]
                if byte < 0x80 {
                    if (byte < 0x20 && byte != 0x0A) || byte == 0x7F || byte == 0x23 || byte == 0x5C { return false }
                } else if byte == 0xC2 {
                    if i + 1 < count && bytes[i + 1] < 0xA0 { return false }
                } else if byte == 0xE2 {
                    if i + 2 < count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) { return false }
                } else if byte == 0xEF {
                    if i + 2 < count && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF { return false }
                    if i + 2 < count && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE { return false }
                }
                i += 1
            }
            return true
        }

        func skipSpaces(_ from: Int) -> Int {
            var i = from
            while i < lineEnd && bytes[i] == 0x20 { i += 1 }
            return i
        }

        func onlySpaces(_ from: Int, _ to: Int) -> Bool { skipSpaces(from) >= to }

        func string(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        func isKeyStart(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || isDigit(byte) || byte == 0x5F
        }

        func isKeyByte(_ byte: UInt8) -> Bool { isKeyStart(byte) || byte == 0x2D }

        /// Characters that give a scalar's first character a YAML meaning: - ? : , [ ] { } # & * ! | > ' " % @ `
        func isIndicator(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x2D, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60, 0x20:
                true
            default: false
            }
        }
    }
}
