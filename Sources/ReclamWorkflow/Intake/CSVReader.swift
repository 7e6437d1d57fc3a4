import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// A small RFC 4180 reader for spreadsheet exports: quoted fields (with separators, quotes and
/// line breaks inside), `;`, `,` or tab separators detected from the header line, CRLF, LF or
/// CR line endings, and the encodings spreadsheets write (UTF-8 with or without BOM, UTF-16
/// with BOM, Windows-1252).
enum CSVReader {
    struct Record: Sendable, Equatable {
        /// The line the record starts on (1-based), for messages.
        var line: Int
        var fields: [String]
    }

    struct Table: Sendable {
        var separator: Character
        var encoding: String
        /// The first non-empty record.
        var header: Record
        var rows: [Record]
    }

    struct Problem: Error, Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case badUTF8, badUTF16, nulBytes, empty, textAfterQuote, unclosedQuote
        }
        var line: Int
        var kind: Kind

        /// What is wrong, in the ledger's language.
        func message(_ m: Messages) -> String {
            switch kind {
            case .badUTF8: m[.csvBadUTF8]
            case .badUTF16: m[.csvBadUTF16]
            case .nulBytes: m[.csvNulBytes]
            case .empty: m[.csvEmpty]
            case .textAfterQuote: m[.csvTextAfterQuote]
            case .unclosedQuote: m[.csvUnclosedQuote]
            }
        }
    }

    /// Decodes the bytes: a BOM decides; else valid UTF-8; else Windows-1252.
    static func decode(_ data: Data) throws(Problem) -> (text: String, encoding: String) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else {
                throw Problem(line: 1, kind: .badUTF8)
            }
            return (text, "UTF-8 with BOM")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let text = TextDecoding.iconv(bytes, from: "UTF-16") else {
                throw Problem(line: 1, kind: .badUTF16)
            }
            return (String(text.drop { $0 == "\u{FEFF}" }), "UTF-16")
        }
        if bytes.contains(0) { throw Problem(line: 1, kind: .nulBytes) }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, "UTF-8") }
        return (TextDecoding.windows1252(bytes), "Windows-1252")
    }

    static func read(_ data: Data) throws(Problem) -> Table {
        let (text, encoding) = try decode(data)
        let separator = detectSeparator(text)
        var records = try parse(text, separator: separator)
        records.removeAll { $0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard !records.isEmpty else { throw Problem(line: 1, kind: .empty) }
        let header = records.removeFirst()
        return Table(separator: separator, encoding: encoding, header: header, rows: records)
    }

    /// The separator that occurs most often outside quotes on the first line: `;` wins ties,
    /// as French spreadsheets use it precisely because `,` is their decimal mark.
    static func detectSeparator(_ text: String) -> Character {
        var counts: [Character: Int] = [";": 0, ",": 0, "\t": 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted && (scalar == "\n" || scalar == "\r") { break }
            if !quoted, let character = Optional(Character(scalar)), counts[character] != nil { counts[character]! += 1 }
        }
        let best = counts.max { a, b in a.value != b.value ? a.value < b.value : priority(a.key) > priority(b.key) }
        return (best?.value ?? 0) > 0 ? best!.key : ";"
    }

    private static func priority(_ separator: Character) -> Int {
        switch separator {
        case ";": 0
        case "\t": 1
        default: 2
        }
    }

    static func parse(_ text: String, separator: Character) throws(Problem) -> [Record] {
        let separatorScalar = separator.unicodeScalars.first!
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoted = false
        var afterQuote = false
        var fieldStarted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
            fieldStarted = false
        }
        func endRecord() {
            endField()
            records.append(Record(line: recordLine, fields: fields))
            fields = []
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                        pending = next
                    }
                    continue
                }
                if scalar == "\n" || (scalar == "\r") {
                    line += 1
                    if scalar == "\r" {
                        let next = scalars.next()
                        if next != "\n" { pending = next }
                        field.append("\n")
                        continue
                    }
                }
                field.append(scalar)
                continue
            }
            if scalar == separatorScalar {
                endField()
                continue
            }
            if scalar == "\r" || scalar == "\n" {
                if scalar == "\r" {
                    let next = scalars.next()
                    if next != "\n" { pending = next }
                }
                endRecord()
                line += 1
                recordLine = line
                continue
            }
            if afterQuote {
                if scalar == " " || scalar == "\t" { continue }
                throw Problem(line: line, kind: .textAfterQuote)
            }
            if scalar == "\"" && !fieldStarted {
                quoted = true
                fieldStarted = true
                continue
            }
            fieldStarted = true
            field.append(scalar)
        }
        if quoted { throw Problem(line: recordLine, kind: .unclosedQuote) }
        if !fields.isEmpty || !field.isEmpty || fieldStarted || afterQuote { endRecord() }
        return records
    }
}
