import Foundation

/// The declared type of a front-matter field. YAML never decides a type: the field does.
public enum FieldType: String, Sendable, CaseIterable, Codable {
    case text
    case date
    case datetime
    case person
    case `enum`
    case number
    case caseList = "case-list"
    case id
    case textList = "text-list"
    case steps
    case stage
    case attachments

    /// Checks a node against the type; returns a message for the user when it does not fit.
    public func problem(with node: YAMLNode, values: [String] = []) -> String? {
        switch self {
        case .text:
            guard let text = node.scalar else { return "expected text, found a \(node.kindName)" }
            if text.isBlank { return "is empty" }
            return nil
        case .person:
            guard let text = node.scalar else { return "expected a person's name, found a \(node.kindName)" }
            if text.isBlank { return "is empty" }
            if text.contains("\n") || text.count > 100 {
                return "expected one person's name or handle on one line (at most 100 characters)"
            }
            return nil
        case .date:
            guard let text = node.scalar else { return "expected a date, found a \(node.kindName)" }
            return CivilDate(text) == nil ? "'\(text)' is not a valid date; write YYYY-MM-DD, e.g. 2026-10-05" : nil
        case .datetime:
            guard let text = node.scalar else { return "expected a date and time, found a \(node.kindName)" }
            return ISODateTime.parse(text) == nil
                ? "'\(text)' is not a valid date-time; write it in ISO 8601 with an offset, e.g. 2026-10-05T09:12:00+02:00"
                : nil
        case .enum, .stage:
            guard let text = node.scalar else { return "expected one of \(values.joined(separator: ", ")), found a \(node.kindName)" }
            if values.contains(text) { return nil }
            var message = "'\(text)' is not one of: \(values.joined(separator: ", "))"
            if let suggestion = Suggestion.closest(to: text, in: values) { message += "; did you mean '\(suggestion)'?" }
            return message
        case .number:
            guard let text = node.scalar else { return "expected a number, found a \(node.kindName)" }
            return Self.number(text) == nil ? "'\(text)' is not a number; write e.g. 4 or 5.5" : nil
        case .id:
            guard let text = node.scalar else { return "expected an id, found a \(node.kindName)" }
            return Identifier.problem(text)
        case .caseList:
            let texts: [String]
            if let items = node.items {
                guard items.allSatisfy({ $0.scalar != nil }) else { return "expected a list of case ids" }
                texts = items.compactMap(\.scalar)
            } else {
                return "expected a list of case ids, e.g. [20261005-k7p3]"
            }
            return texts.lazy.compactMap { Identifier.problem($0) }.first
        case .textList:
            if let items = node.items {
                return items.allSatisfy({ $0.scalar != nil }) ? nil : "expected a list of words"
            }
            return "expected a list, e.g. [attestation, délai]"
        case .steps, .attachments:
            guard let items = node.items else { return "expected a list" }
            return items.allSatisfy({ $0.pairs != nil }) ? nil : "expected a list of mappings"
        }
    }

    /// Numbers in the French or the English way: `5`, `5.5`, `5,5`.
    public static func number(_ text: String) -> Double? {
        let normalised = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !normalised.isEmpty, normalised.allSatisfy({ "0123456789.-+".contains($0) }) else { return nil }
        return Double(normalised)
    }
}

/// "Did you mean" for enum values and field names.
public enum Suggestion {
    public static func closest(to word: String, in candidates: [String]) -> String? {
        Suggester(candidates).closest(to: word)
    }
}

/// Case and learner ids: the file name is the id, so they must be safe as a path component.
public enum Identifier {
    public static let maximumLength = 64

    public static func problem(_ id: String) -> String? {
        if id.isEmpty { return "id is empty" }
        if id.count > maximumLength { return "id '\(id.prefix(20))…' is longer than \(maximumLength) characters" }
        let scalars = id.unicodeScalars
        let allowed = scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard allowed, let first = scalars.first, first != "-" else {
            return "'\(id)' is not a valid id: use lowercase letters, digits and hyphens, starting with a letter or a digit"
        }
        return reservedProblem(id)
    }

    public static func isValid(_ id: String) -> Bool { problem(id) == nil }
}

extension String {
    /// Empty or only ASCII blanks; a byte loop, since Foundation's trimming is costly on the
    /// path that checks every field of every case.
    var isBlank: Bool { utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }
}

/// Ledger paths are "cases/<learner>/<id>.md": split on "/" without NSString's path logic.
package enum PathParts {
    static func fileName(_ path: String) -> Substring {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
    }

    package static func parentName(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        let parent = path[..<slash]
        return parent.utf8.lastIndex(of: UInt8(ascii: "/")).map { parent[parent.index(after: $0)...] } ?? parent
    }

    /// The file name without its ".md".
    package static func id(_ path: String) -> String {
        let name = fileName(path)
        return String(name.hasSuffix(".md") ? name.dropLast(3) : name)
    }
}
