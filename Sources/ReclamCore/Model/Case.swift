import Foundation

/// A complaint case as read from `cases/<learner>/<id>.md`.
///
/// Reading is lenient: a case with problems still yields the values that could be read, and
/// the checker reports the problems. Commands that write refuse a case with errors.
public struct Case: Sendable {
    public var path: String
    public var document: MarkdownDocument

    public init(path: String, document: MarkdownDocument) {
        self.path = path
        self.document = document
    }

    public var id: String { document.string("id") ?? fileID }
    public var fileID: String { PathParts.id(path) }
    public var learner: String { document.string("learner") ?? folderLearner }
    public var folderLearner: String { String(PathParts.parentName(path)) }
    public var title: String { document.string("title") ?? "" }
    public var stage: String { document.string("stage") ?? "" }
    public var channel: String? { document.string("channel") }
    public var complainant: String? { document.string("complainant") }
    public var kind: String { document.string("kind") ?? "complaint" }
    public var owner: String? { document.string("owner") }
    public var category: String? { document.string("category") }
    public var level: String? { document.string("level") }
    public var tags: [String] { document["tags"]?.items?.compactMap(\.scalar) ?? [] }
    public var received: Date? { document.string("received").flatMap { ISODateTime.parse($0)?.date } }
    public var receivedText: String? { document.string("received") }

    public func field(_ name: String) -> String? {
        document.string(name) ?? FieldCatalogue.defaultValue(of: name)
    }

    public var steps: [Step] {
        (document["steps"]?.items ?? []).map { node in
            Step(
                stage: node["stage"]?.scalar ?? "",
                atText: node["at"]?.scalar,
                by: node["by"]?.scalar,
                note: node["note"]?.scalar,
                location: node.start)
        }
    }

    /// When the case entered its current stage: the last step's time, or `received`.
    public var lastEventTime: Date? {
        steps.last?.at ?? received
    }
}

/// One transition as recorded in the case's `steps` list.
public struct Step: Sendable {
    public var stage: String
    public var atText: String?
    public var by: String?
    public var note: String?
    public var location: SourceLocation

    package init(stage: String, atText: String?, by: String?, note: String?, location: SourceLocation) {
        self.stage = stage
        self.atText = atText
        self.by = by
        self.note = note
        self.location = location
    }

    public var at: Date? { atText.flatMap { ISODateTime.parse($0)?.date } }
}

/// A learner's own file, `cases/<learner>/learner.md`.
public struct Learner: Sendable {
    public var path: String
    public var document: MarkdownDocument

    package init(path: String, document: MarkdownDocument) {
        self.path = path
        self.document = document
    }

    public var id: String { document.string("id") ?? "" }
    public var emails: [String] { document["emails"]?.items?.compactMap(\.scalar) ?? [] }
}
