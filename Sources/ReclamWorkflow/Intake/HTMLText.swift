import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// Readable plain text from an HTML mail body.
///
/// A small tokenizer, nothing more: tags are dropped, block elements become line breaks, list
/// items become `- ` lines, links keep their address, entities are decoded. The content of
/// `script`, `style`, `head`, `title`, `template` and `noscript` is skipped. Nothing is ever
/// fetched, evaluated or executed.
enum HTMLText {
    static func text(_ html: String) -> String {
        var converter = Converter(Array(html.unicodeScalars))
        converter.run()
        return converter.finish()
    }

    /// The charset named by a `<meta charset>` or `<meta http-equiv content>` near the top.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        var rest = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        rest = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
        return rest.isEmpty ? nil : String(rest)
    }

    static let skipped: Set<String> = ["script", "style", "head", "title", "template", "noscript", "xml", "svg", "object", "iframe"]
    static let paragraphs: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre", "section", "article",
        "header", "footer", "address", "form", "fieldset", "figure", "center", "main", "nav", "aside", "hr",
    ]
    static let lines: Set<String> = ["br", "tr", "dt", "dd", "caption", "option"]

    struct Converter {
        let input: [Unicode.Scalar]
        var index = 0
        var out = ""
        /// Pending white space: 0 none, 1 a space, 2 a line break, 3 a blank line.
        var pendingBreak = 0
        var preDepth = 0
        var links: [String?] = []

        init(_ input: [Unicode.Scalar]) { self.input = input }

        mutating func run() {
            while index < input.count {
                let scalar = input[index]
                if scalar == "<" {
                    tag()
                } else if scalar == "&" {
                    emitText(entity())
                } else {
                    index += 1
                    emitText(String(scalar))
                }
            }
        }

        mutating func finish() -> String {
            let trimmedLines = out.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
                var line = line
                while let last = line.last, last == " " || last == "\t" { line.removeLast() }
                return line
            }
            var result: [Substring] = []
            var blank = 0
            for line in trimmedLines {
                if line.isEmpty {
                    blank += 1
                    if blank > 1 { continue }
                } else {
                    blank = 0
                }
                result.append(line)
            }
            return result.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }

        mutating func requestBreak(_ level: Int) {
            if !out.isEmpty { pendingBreak = max(pendingBreak, level) }
        }

        mutating func emitText(_ text: String) {
            for scalar in text.unicodeScalars {
                let isSpace = scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}"
                if preDepth > 0 {
                    flushBreak()
                    out.unicodeScalars.append(scalar == "\r" ? "\n" : scalar)
                    continue
                }
                if isSpace {
                    if !out.isEmpty { pendingBreak = max(pendingBreak, 1) }
                    continue
                }
                flushBreak()
                out.unicodeScalars.append(scalar == "\u{A0}" ? " " : scalar)
            }
        }

        mutating func flushBreak() {
            switch pendingBreak {
            case 1: if !(out.last?.isWhitespace ?? true) { out += " " }
            case 2: out += "\n"
            case 3: out += "\n\n"
            default: break
            }
            pendingBreak = 0
        }

        /// At `<`: a comment, a declaration, or a tag; anything else is the text `<`.
        mutating func tag() {
            if starts(with: "<!--") {
                index = find("-->").map { $0 + 3 } ?? input.count
                return
            }
            if starts(with: "<!") || starts(with: "<?") {
                index = find(">").map { $0 + 1 } ?? input.count
                return
            }
            var cursor = index + 1
            let closing = cursor < input.count && input[cursor] == "/"
            if closing { cursor += 1 }
            let nameStart = cursor
            while cursor < input.count, isNameScalar(input[cursor]) { cursor += 1 }
            guard cursor > nameStart, isLetter(input[nameStart]) else {
                index += 1
                emitText("<")
                return
            }
            let name = String(String.UnicodeScalarView(input[nameStart..<cursor])).lowercased()
            let (attributes, end) = readAttributes(from: cursor)
            index = end
            if closing {
                close(name)
            } else {
                open(name, attributes: attributes)
            }
        }

        mutating func open(_ name: String, attributes: [String: String]) {
            if HTMLText.skipped.contains(name) {
                // Skip to the matching end tag; its content is never text.
                if let end = findCaseInsensitive("</\(name)") {
                    index = find(">", from: end).map { $0 + 1 } ?? input.count
                } else {
                    index = input.count
                }
                return
            }
            switch name {
            case "li":
                requestBreak(2)
                flushBreak()
                out += "- "
            case "td", "th":
                if !out.isEmpty { pendingBreak = max(pendingBreak, 1) }
            case "img":
                if let alt = attributes["alt"]?.trimmingCharacters(in: .whitespaces), !alt.isEmpty { emitText("[\(alt)]") }
            case "a":
                links.append(attributes["href"])
            case "pre":
                requestBreak(3)
                preDepth += 1
            default:
                if HTMLText.paragraphs.contains(name) {
                    requestBreak(3)
                } else if HTMLText.lines.contains(name) {
                    if name == "br" {
                        // A second <br> in a row makes a blank line.
                        if !out.isEmpty { pendingBreak = pendingBreak >= 2 ? 3 : 2 }
                    } else {
                        requestBreak(2)
                    }
                }
            }
        }

        mutating func close(_ name: String) {
            switch name {
            case "a":
                guard let href = links.popLast() ?? nil else { return }
                let target = href.trimmingCharacters(in: .whitespaces)
                let lower = target.lowercased()
                guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return }
                if !out.hasSuffix(target) { emitText(" (\(target))") }
            case "pre":
                preDepth = max(0, preDepth - 1)
                requestBreak(3)
            default:
                if HTMLText.paragraphs.contains(name) {
                    requestBreak(3)
                } else if name == "li" || name == "tr" || name == "dd" || name == "dt" {
                    requestBreak(2)
                }
            }
        }

        /// Reads attributes up to the tag's `>`; returns them (lowercased names, decoded values)
        /// and the index just past the tag.
        func readAttributes(from start: Int) -> ([String: String], Int) {
            var attributes: [String: String] = [:]
            var cursor = start
            func skipSpace() { while cursor < input.count, input[cursor].properties.isWhitespace || input[cursor] == "/" { cursor += 1 } }
            while true {
                skipSpace()
                guard cursor < input.count else { return (attributes, cursor) }
                if input[cursor] == ">" { return (attributes, cursor + 1) }
                let nameStart = cursor
                while cursor < input.count, !input[cursor].properties.isWhitespace, input[cursor] != "=", input[cursor] != ">" {
                    cursor += 1
                }
                let name = String(String.UnicodeScalarView(input[nameStart..<cursor])).lowercased()
                while cursor < input.count, input[cursor].properties.isWhitespace { cursor += 1 }
                guard cursor < input.count, input[cursor] == "=" else {
                    if !name.isEmpty { attributes[name] = "" }
                    if cursor == nameStart { cursor += 1 }
                    continue
                }
                cursor += 1
                while cursor < input.count, input[cursor].properties.isWhitespace { cursor += 1 }
                guard cursor < input.count else { return (attributes, cursor) }
                var value = String.UnicodeScalarView()
                if input[cursor] == "\"" || input[cursor] == "'" {
                    let quote = input[cursor]
                    cursor += 1
                    while cursor < input.count, input[cursor] != quote {
                        value.append(input[cursor])
                        cursor += 1
                    }
                    cursor += 1
                } else {
                    while cursor < input.count, !input[cursor].properties.isWhitespace, input[cursor] != ">" {
                        value.append(input[cursor])
                        cursor += 1
                    }
                }
                attributes[name] = HTMLText.decodeEntities(String(value))
            }
        }

        /// At `&`: a character reference, or the text `&` when it is not one.
        mutating func entity() -> String {
            var cursor = index + 1
            while cursor < input.count, cursor - index <= 32, input[cursor] != ";", isNameScalar(input[cursor]) || input[cursor] == "#" {
                cursor += 1
            }
            let name = String(String.UnicodeScalarView(input[(index + 1)..<cursor]))
            let hasSemicolon = cursor < input.count && input[cursor] == ";"
            if let decoded = HTMLText.reference(name), hasSemicolon || name.hasPrefix("#") || HTMLText.legacyEntities.contains(name) {
                index = hasSemicolon ? cursor + 1 : cursor
                return decoded
            }
            index += 1
            return "&"
        }

        func starts(with prefix: String) -> Bool {
            let scalars = Array(prefix.unicodeScalars)
            guard index + scalars.count <= input.count else { return false }
            for (offset, scalar) in scalars.enumerated() where input[index + offset] != scalar { return false }
            return true
        }

        func find(_ needle: String, from start: Int? = nil) -> Int? {
            let scalars = Array(needle.unicodeScalars)
            var cursor = start ?? index
            while cursor + scalars.count <= input.count {
                if input[cursor] == scalars[0] && Array(input[cursor..<(cursor + scalars.count)]) == scalars { return cursor }
                cursor += 1
            }
            return nil
        }

        func findCaseInsensitive(_ needle: String) -> Int? {
            let scalars = Array(needle.lowercased().unicodeScalars)
            var cursor = index
            while cursor + scalars.count <= input.count {
                var match = true
                for (offset, scalar) in scalars.enumerated() {
                    let candidate = input[cursor + offset]
                    let lowered = (candidate.value >= 0x41 && candidate.value <= 0x5A) ? Unicode.Scalar(candidate.value + 32)! : candidate
                    if lowered != scalar {
                        match = false
                        break
                    }
                }
                if match { return cursor }
                cursor += 1
            }
            return nil
        }

        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value >= 0x41 && scalar.value <= 0x5A) || (scalar.value >= 0x61 && scalar.value <= 0x7A)
        }

        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            isLetter(scalar) || (scalar.value >= 0x30 && scalar.value <= 0x39) || scalar == "-" || scalar == ":" || scalar == "_"
        }
    }

    /// Decodes every character reference in an attribute value.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(33).firstIndex(of: ";"), let decoded = reference(String(after[..<semi])) {
                out += decoded
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    /// `amp`, `#233`, `#xE9` → the character; nil when unknown.
    static func reference(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let value, value != 0 else { return nil }
            if (0x80...0x9F).contains(value), let mapped = TextDecoding.c1Map[value] { return String(mapped) }
            return Unicode.Scalar(value).map { String($0) } ?? "\u{FFFD}"
        }
        return entities[name]
    }

    /// Entities that browsers accept without a `;`.
    static let legacyEntities: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    /// The named references found in real mail: markup, Latin-1, typography.
    static let entities: [String: String] = {
        var table: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ensp": " ", "emsp": " ", "thinsp": " ",
            "zwnj": "", "zwj": "", "shy": "", "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "sbquo": "‚", "ldquo": "“",
            "rdquo": "”", "bdquo": "„", "laquo": "«", "raquo": "»", "lsaquo": "‹", "rsaquo": "›", "hellip": "…", "bull": "•",
            "middot": "·", "euro": "€", "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "times": "×",
            "divide": "÷", "frac12": "½", "frac14": "¼", "frac34": "¾", "sup2": "²", "sup3": "³", "micro": "µ", "para": "¶",
            "sect": "§", "cent": "¢", "pound": "£", "yen": "¥", "iexcl": "¡", "iquest": "¿", "ordf": "ª", "ordm": "º",
            "oelig": "œ", "OElig": "Œ", "szlig": "ß", "dagger": "†", "Dagger": "‡", "permil": "‰", "larr": "←", "rarr": "→",
            "uarr": "↑", "darr": "↓", "check": "✓",
        ]
        let letters: [(String, String, String)] = [
            ("a", "à", "À"), ("e", "è", "È"), ("i", "ì", "Ì"), ("o", "ò", "Ò"), ("u", "ù", "Ù"),
        ]
        for (base, lower, upper) in letters {
            table["\(base)grave"] = lower
            table["\(base.uppercased())grave"] = upper
        }
        let accents: [(String, [(String, String)])] = [
            ("acute", [("a", "á"), ("e", "é"), ("i", "í"), ("o", "ó"), ("u", "ú"), ("y", "ý")]),
            ("circ", [("a", "â"), ("e", "ê"), ("i", "î"), ("o", "ô"), ("u", "û")]),
            ("uml", [("a", "ä"), ("e", "ë"), ("i", "ï"), ("o", "ö"), ("u", "ü"), ("y", "ÿ")]),
            ("tilde", [("a", "ã"), ("n", "ñ"), ("o", "õ")]),
            ("ring", [("a", "å")]),
            ("cedil", [("c", "ç")]),
            ("slash", [("o", "ø")]),
        ]
        for (suffix, pairs) in accents {
            for (base, lower) in pairs {
                table["\(base)\(suffix)"] = lower
                table["\(base.uppercased())\(suffix)"] = lower.uppercased()
            }
        }
        table["aelig"] = "æ"
        table["AElig"] = "Æ"
        return table
    }()
}
