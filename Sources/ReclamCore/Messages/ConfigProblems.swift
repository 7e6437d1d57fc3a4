import Foundation

extension Messages {
    /// A value of reclam.yml as a finding quotes it: the text between quotes or, when the node
    /// is not text, what it is (`'list'` in English, `une liste` in French).
    package func quoted(_ node: YAMLNode) -> String {
        if let text = node.scalar { return "'\(text)'" }
        return language == .en ? "'\(node.kindName)'" : kind(node)
    }

    /// What a node is, after "not" (`list` in English, `une liste` in French).
    package func kindAfterNot(_ node: YAMLNode) -> String {
        language == .en ? node.kindName : kind(node)
    }

    /// An SLA duration as a finding names it (`48 hours`, `48 heures`).
    package func duration(_ duration: SLADuration) -> String {
        language == .en ? duration.description : duration.frenchDescription
    }
}
