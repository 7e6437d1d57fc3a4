/// Fields that hold one line: a title, a person, a category, a label. A line break, a tab or
/// any other control character in one of them breaks a table, a commit summary, a mail header
/// or a terminal (a carriage return rewrites the line it is printed on), so commands refuse
/// them and `reclam check` reports them (`field-one-line`).
public enum OneLineText {
    /// Text fields written on one line, besides every `person` and every list of words.
    public static let textFields: Set<String> = [
        "title", "category", "session", "message_id", "sender", "contact", "survey_key", "content_sha256", "training", "funder",
    ]

    public static func applies(to field: String, type: FieldType) -> Bool {
        switch type {
        case .person, .textList: true
        case .text: textFields.contains(field)
        default: false
        }
    }

    /// Why `text` cannot be a one-line value, naming the first control character and where it is.
    public static func problem(_ text: String) -> String? {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else { return nil }
        for (offset, scalar) in text.unicodeScalars.enumerated() where isControl(scalar) {
            return
                "holds a line break, tab or control character (\(Escape.terminal(String(scalar))) at character \(offset + 1)); write it on one line"
        }
        return nil
    }

    /// The problem of a value of `field`, a word or a list of words, when the field is one-line.
    public static func problem(field: String, type: FieldType, node: YAMLNode) -> String? {
        guard applies(to: field, type: type) else { return nil }
        if let text = node.scalar { return problem(text) }
        return node.items?.lazy.compactMap { $0.scalar.flatMap(problem) }.first
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029: true
        default: false
        }
    }
}
