import Foundation

extension Messages {
    /// `FieldType.problem(with:values:)` worded in this catalogue's language: nil when the
    /// value fits the type.
    public func problem(_ type: FieldType, _ node: YAMLNode, values: [String] = []) -> String? {
        guard let english = type.problem(with: node, values: values) else { return nil }
        guard language != .en else { return english }
        func notSingle() -> String { format(.problemNotSingle, typeName(type), kind(node)) }
        switch type {
        case .text, .person:
            guard let text = node.scalar else { return notSingle() }
            return text.allSatisfy(\.isWhitespace) ? self[.problemEmpty] : self[.problemOnePerson]
        case .date:
            guard let text = node.scalar else { return notSingle() }
            return format(.checkNotDate, text)
        case .datetime:
            guard let text = node.scalar else { return notSingle() }
            return format(.checkNotDateTime, text)
        case .number:
            guard let text = node.scalar else { return notSingle() }
            return format(.checkNotNumber, text)
        case .enum, .stage:
            guard let text = node.scalar else { return format(.problemNotOneValue, values.joined(separator: ", "), kind(node)) }
            var message = format(.checkNotOneOf, text, values.joined(separator: ", "))
            if let suggestion = Suggestion.closest(to: text, in: values) { message += format(.checkDidYouMean, suggestion) }
            return message
        case .id:
            guard let text = node.scalar else { return notSingle() }
            return idProblem(text)
        case .caseList:
            let bad = node.items?.first { $0.scalar.map { !Identifier.isValid($0) } ?? false }?.scalar
            return bad.map(idProblem) ?? self[.problemCaseList]
        case .textList:
            return node.items == nil ? self[.problemList] : self[.problemWords]
        case .steps, .attachments:
            return node.items == nil ? self[.problemList] : self[.problemMappings]
        }
    }

    /// `Identifier.problem(_:)` in this catalogue's language.
    public func idProblem(_ id: String) -> String? {
        guard let english = Identifier.problem(id) else { return nil }
        guard language != .en else { return english }
        if id.isEmpty { return self[.problemEmptyID] }
        if id.count > Identifier.maximumLength {
            return format(.problemLongID, String(id.prefix(20)), String(Identifier.maximumLength))
        }
        if Identifier.reservedProblem(id) != nil { return format(.problemReservedID, id) }
        return format(.problemBadID, id)
    }

    /// `OneLineText.problem(field:type:node:)` in this catalogue's language.
    public func oneLineProblem(field: String, type: FieldType, node: YAMLNode) -> String? {
        guard let english = OneLineText.problem(field: field, type: type, node: node) else { return nil }
        guard language != .en else { return english }
        let text = node.scalar ?? node.items?.lazy.compactMap(\.scalar).first { OneLineText.problem($0) != nil } ?? ""
        return oneLineProblem(text) ?? english
    }

    /// `OneLineText.problem(_:)` in this catalogue's language.
    public func oneLineProblem(_ text: String) -> String? {
        guard let english = OneLineText.problem(text) else { return nil }
        guard language != .en else { return english }
        for (offset, scalar) in text.unicodeScalars.enumerated() where OneLineText.isControl(scalar) {
            return format(.problemControl, Escape.terminal(String(scalar)), String(offset + 1))
        }
        return english
    }

    /// What a YAML node is, in words (`liste`, `dictionnaire`).
    func kind(_ node: YAMLNode) -> String {
        if node.items != nil { return self[.problemKindList] }
        if node.pairs != nil { return self[.problemKindMapping] }
        return self[.problemKindText]
    }
}
