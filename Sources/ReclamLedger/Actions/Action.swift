import Foundation
import ReclamCore
import ReclamGit

/// An improvement action, `actions/<id>.md`: what was decided to stop a problem coming back,
/// the cases it answers, and whether it proved effective (Qualiopi indicator 32, ISO 9001 §10.2).
public struct Action: Sendable {
    public static let folder = "actions"

    public var path: String
    public var document: MarkdownDocument

    package init(path: String, document: MarkdownDocument) {
        self.path = path
        self.document = document
    }

    public var id: String { document.string("id") ?? String((path as NSString).lastPathComponent.dropLast(3)) }
    public var fileID: String { String((path as NSString).lastPathComponent.dropLast(3)) }
    public var title: String { document.string("title") ?? "" }
    public var kind: String { document.string("kind") ?? "" }
    public var stage: String { document.string("stage") ?? "" }
    public var owner: String? { document.string("owner") }
    public var dueText: String? { document.string("due") }
    public var due: CivilDate? { dueText.flatMap(CivilDate.init) }
    public var cases: [String] { document["cases"]?.items?.compactMap(\.scalar) ?? [] }
    public var verdict: String? { document.string("verdict") }
    public var created: Date? { document.string("created").flatMap { ISODateTime.parse($0)?.date } }

    public func field(_ name: String) -> String? { document.string(name) }

    public var steps: [Step] {
        (document["steps"]?.items ?? []).map { node in
            Step(
                stage: node["stage"]?.scalar ?? "", atText: node["at"]?.scalar, by: node["by"]?.scalar, note: node["note"]?.scalar,
                location: node.start)
        }
    }

    /// When the action entered its current stage.
    public var stageSince: Date? { steps.last?.at ?? created }

    public static func path(_ id: String) -> String { "\(folder)/\(id).md" }

    public static let kinds = ["corrective", "preventive", "improvement"]

    public static let fields: [FieldCatalogue.Field] = [
        .init(name: "id", type: .id, values: [], required: true, summary: "the action id, equal to the file name"),
        .init(name: "title", type: .text, values: [], required: true, summary: "what is done"),
        .init(name: "kind", type: .enum, values: kinds, required: true, summary: "corrective, preventive or improvement"),
        .init(name: "cases", type: .caseList, values: [], required: false, summary: "the cases it answers"),
        .init(name: "owner", type: .person, values: [], required: false, summary: "who carries it out"),
        .init(name: "due", type: .date, values: [], required: false, summary: "when it must be done"),
        .init(name: "stage", type: .stage, values: [], required: true, summary: "the action's stage"),
        .init(name: "created", type: .datetime, values: [], required: true, summary: "when it was decided"),
        .init(name: "steps", type: .steps, values: [], required: false, summary: "one entry per transition"),
        .init(name: "review_planned", type: .date, values: [], required: false, summary: "when its effectiveness will be checked"),
        .init(
            name: "verdict", type: .enum, values: ["effective", "not-effective"], required: false,
            summary: "the effectiveness review's verdict"),
        .init(name: "evidence", type: .text, values: [], required: false, summary: "what shows the verdict"),
    ]

    public static func field(_ name: String) -> FieldCatalogue.Field? { fields.first { $0.name == name } }
}
