import Foundation

/// A ledger text file as read from disk, checked for the things that make a file unsafe to
/// parse or to rewrite: size, binary content, encoding.
public struct TextFile: Sendable {
    public static let maximumSize = 1 << 20

    public enum Problem: Error, Sendable, Equatable {
        case tooLarge(Int)
        case binary
        case notUTF8(line: Int, column: Int)

        public var rule: Rule {
            switch self {
            case .tooLarge: .fileTooLarge
            case .binary, .notUTF8: .fileEncoding
            }
        }

        public var message: String {
            switch self {
            case .tooLarge(let size):
                "file is \(size) bytes, over the limit of \(TextFile.maximumSize) bytes (1 MiB); move attachments out of the case file"
            case .binary:
                "file contains NUL bytes (binary data); a case file must be UTF-8 text"
            case .notUTF8:
                "file is not valid UTF-8; re-save it as UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8)"
            }
        }

        public var location: SourceLocation? {
            if case .notUTF8(let line, let column) = self { return SourceLocation(line: line, column: column) }
            return nil
        }
    }

    /// The text without its byte-order mark.
    public var text: String
    /// Whether the file started with a UTF-8 BOM, which is written back on save.
    public var hasBOM: Bool
    /// The file's line ending, used for every line a command adds.
    public var lineEnding: String

    public init(text: String, hasBOM: Bool = false, lineEnding: String? = nil) {
        self.text = text
        self.hasBOM = hasBOM
        // A byte scan: Foundation's String.contains goes through UTF-16 and dominated the
        // cost of reading a ledger.
        self.lineEnding = lineEnding ?? (TextFile.containsCR(text) ? "\r\n" : "\n")
    }

    static func containsCR(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            buffer.baseAddress.map { memchr($0, 0x0D, buffer.count) != nil } ?? false
        }
    }

    public static func decode(_ data: Data) throws(Problem) -> TextFile {
        if data.count > maximumSize { throw .tooLarge(data.count) }
        let hasNUL = data.withUnsafeBytes { buffer in
            buffer.baseAddress.map { memchr($0, 0, buffer.count) != nil } ?? false
        }
        if hasNUL { throw .binary }
        var bytes = data[...]
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = bytes.starts(with: bom)
        if hasBOM { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw invalidPosition(bytes)
        }
        return TextFile(text: text, hasBOM: hasBOM)
    }

    public var data: Data {
        var out = Data()
        if hasBOM { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        out.append(contentsOf: text.utf8)
        return out
    }

    /// Finds the first invalid byte so that the message can point at it.
    private static func invalidPosition(_ bytes: Data.SubSequence) -> Problem {
        var line = 1
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let width: Int
            switch byte {
            case 0x00...0x7F: width = 1
            case 0xC2...0xDF: width = 2
            case 0xE0...0xEF: width = 3
            case 0xF0...0xF4: width = 4
            default: width = 0
            }
            let chunkEnd = index + max(width, 1)
            if width == 0 || chunkEnd > bytes.endIndex
                || String(validating: bytes[index..<chunkEnd], as: UTF8.self) == nil
            {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                return .notUTF8(line: line, column: prefix.count + 1)
            }
            if byte == 0x0A {
                line += 1
                lineStart = chunkEnd
            }
            index = chunkEnd
        }
        return .notUTF8(line: line, column: 1)
    }
}
