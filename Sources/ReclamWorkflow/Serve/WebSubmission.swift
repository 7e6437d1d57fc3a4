import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// A complaint sent through the public web form (`reclam serve`), as the form gave it.
///
/// `cleaned()` makes every field safe text; `problems(settings:)` says what the sender must
/// correct, field by field; `WebSubmission.submit` turns a valid submission into one case,
/// acknowledged, in one commit.
public struct WebSubmission: Sendable {
    public var complainant = ""
    public var name = ""
    public var email = ""
    public var phone = ""
    public var training = ""
    public var session = ""
    public var happened = ""
    public var request = ""
    public var consent = false
    public var files: [WebUpload] = []

    public init() {}

    /// The choices of "who you are", in the form's order (values of the `complainant` field).
    public static let complainants = ["learner", "funder", "prescriber", "company", "partner"]

    /// The longest text each field takes, in characters.
    public static let limits: [String: Int] = [
        "name": 200, "email": 254, "phone": 40, "training": 200, "session": 200, "happened": 20_000, "request": 5_000,
    ]

    /// Fields whose text may hold line breaks.
    static let multiline: Set<String> = ["happened", "request"]

    /// Every field as text fit for a case file: control characters dropped (line breaks kept in
    /// the two long texts, turned into spaces elsewhere), Unicode composed, ends trimmed.
    public func cleaned() -> WebSubmission {
        var copy = self
        copy.complainant = Self.oneLine(complainant)
        copy.name = Self.oneLine(name)
        copy.email = Self.oneLine(email)
        copy.phone = Self.oneLine(phone)
        copy.training = Self.oneLine(training)
        copy.session = Self.oneLine(session)
        copy.happened = TextDecoding.clean(happened).trimmingCharacters(in: .whitespacesAndNewlines)
        copy.request = TextDecoding.clean(request).trimmingCharacters(in: .whitespacesAndNewlines)
        return copy
    }

    static func oneLine(_ text: String) -> String { TextDecoding.oneLine(text) }

    /// The text of a field by its form name.
    public func value(_ field: String) -> String {
        switch field {
        case "complainant": complainant
        case "name": name
        case "email": email
        case "phone": phone
        case "training": training
        case "session": session
        case "happened": happened
        case "request": request
        default: ""
        }
    }

    /// What the sender must correct, in the form's order; empty when the submission can be taken.
    public func problems(settings: ServeSettings) -> [(field: String, problem: WebFieldProblem)] {
        var out: [(field: String, problem: WebFieldProblem)] = []
        if !Self.complainants.contains(complainant) { out.append(("complainant", .choice)) }
        for field in ["name", "email", "phone", "training", "session", "happened", "request"] {
            let text = value(field)
            if ["name", "email", "happened"].contains(field) && text.isEmpty {
                out.append((field, .required))
            } else if let limit = Self.limits[field], text.count > limit {
                out.append((field, .tooLong(limit)))
            } else if field == "email" && !Self.isEmailAddress(text) {
                out.append((field, .email))
            } else if field == "phone" && !text.isEmpty && !Self.isPhoneNumber(text) {
                out.append((field, .phone))
            }
        }
        if !consent { out.append(("consent", .consent)) }
        let sent = files.filter { !($0.name.isEmpty && $0.data.isEmpty) }
        if sent.count > settings.maximumFiles {
            out.append(("files", .fileCount(settings.maximumFiles)))
        } else if sent.reduce(0, { $0 + $1.data.count }) > settings.maximumUploadBytes {
            out.append(("files", .fileSize(settings.maximumUploadBytes)))
        } else if let empty = sent.first(where: { $0.data.isEmpty }) {
            out.append(("files", .fileEmpty(Self.oneLine(empty.name))))
        } else if let refused = sent.first(where: { AttachmentType.detect($0.data) == nil }) {
            out.append(("files", .fileType(Self.oneLine(refused.name))))
        }
        return out
    }

    /// One address, `local@domain.tld`, no spaces, no angle brackets, no second `@`.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        let forbidden = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "<>()[]\\,;:\"'`"))
        return text.unicodeScalars.allSatisfy { !forbidden.contains($0) }
    }

    static func isPhoneNumber(_ text: String) -> Bool {
        let allowed = CharacterSet(charactersIn: "0123456789 +().-/")
        return text.unicodeScalars.allSatisfy { allowed.contains($0) } && text.contains(where: { $0.isNumber })
    }
}

/// A file attached to the form.
public struct WebUpload: Sendable {
    /// The name the browser sent, not yet sanitised.
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// Why a field of the form cannot be taken.
public enum WebFieldProblem: Sendable, Equatable {
    case required
    case tooLong(Int)
    case email
    case phone
    case choice
    case consent
    case fileCount(Int)
    case fileSize(Int)
    case fileType(String)
    case fileEmpty(String)
}

/// What the server tells the sender once the case is committed.
public struct WebReceipt: Sendable {
    public var id: String
    public var learner: String
    public var received: Date
    /// The promised answer deadline (`ServeSettings.promisedRule`), nil when the ledger has no
    /// SLA rule for the case.
    public var deadline: Date?
    /// The status page's token, in clear: shown once on the receipt, never stored.
    public var token: String
    public var commit: CommitResult
    /// Whether the case was moved to its acknowledged stage in the same commit.
    public var acknowledged: Bool
    /// The acknowledgement prepared in `outbox/`.
    public var message: String
}

extension WebSubmission {
    /// Prefix of the pseudonymous learner ids made for senders no learner file lists.
    public static let learnerPrefix = "web-"

    /// Writes the case, its attachments, the new learner file when the sender is unknown, and
    /// the acknowledgement in `outbox/`, as one commit; moves the case to the stage the
    /// procedure's `ack` verb leads to when there is one. Nothing is written when anything fails.
    /// - Parameter directory: the server's `SubmissionDirectory`, kept between submissions;
    ///   without it the learner folders are listed and every learner file read.
    public static func submit(
        _ raw: WebSubmission, settings: ServeSettings, context: WriteContext, directory: SubmissionDirectory? = nil
    ) throws(ReclamError) -> WebReceipt {
        let submission = raw.cleaned()
        let problems = submission.problems(settings: settings)
        if !problems.isEmpty {
            let list = problems.map { "\($0.field) (\($0.problem))" }.joined(separator: ", ")
            throw .refused(Messages(context.ledger.config.language).format(.submissionInvalid, list))
        }
        let token = StatusToken.make()
        return try context.retryingConflicts { () throws(ReclamError) -> WebReceipt in
            try attempt(submission, token: token, settings: settings, context: context, directory: directory)
        }
    }

    static func attempt(
        _ submission: WebSubmission, token: String, settings: ServeSettings, context: WriteContext, directory: SubmissionDirectory?
    ) throws(ReclamError) -> WebReceipt {
        let ledger = context.ledger
        let config = ledger.config
        let now = context.now
        let address = IntakeIndex.normalisedAddress(submission.email)
        let caseIDs: Set<String>
        let learners: Set<String>
        let known: String?
        if let directory {
            let snapshot = try directory.current(ledger)
            (caseIDs, learners, known) = (snapshot.caseIDs, snapshot.learners, snapshot.learner(for: address))
        } else {
            let scan = try LedgerScan.scan(ledger)
            caseIDs = Set(scan.casePaths.map(PathParts.id))
            learners = Set(scan.learnerFolders.map { ($0 as NSString).lastPathComponent })
            known = knownLearner(address, scan: scan, ledger: ledger)
        }
        var writes: [(path: String, contents: Data)] = []
        let learner: String
        if let found = known {
            learner = found
        } else {
            learner = newLearnerID(taken: learners)
            let path = "\(Ledger.casesFolder)/\(learner)/\(Ledger.learnerFile)"
            writes.append((path, Data("---\nid: \(learner)\nemails: [\(YAMLScalarWriter.flow(address))]\n---\n".utf8)))
        }
        let id = CaseIDs.make(received: now, timeZone: config.timeZone) { caseIDs.contains($0) }
        var request = NewCaseRequest(
            learner: learner, title: title(submission, language: config.language), channel: "web", complainant: submission.complainant)
        request.received = now
        if !submission.session.isEmpty { request.extraFields.append(("session", submission.session)) }
        request.extraFields.append((StatusToken.field, StatusToken.hash(token)))
        var text = try NewCase.render(request, id: id, received: now, context: context, template: Templates.caseBody(in: ledger))
        text = IntakeBatch.placeComplaint(body(submission, language: config.language), in: text)
        let uploads = submission.files.filter { !($0.name.isEmpty && $0.data.isEmpty) }
        let attachments = attachmentNames(uploads, personal: [submission.name, String(address.prefix { $0 != "@" })])
        if !attachments.isEmpty { text = try IntakeBatch.withAttachments(text, attachments, language: config.language) }
        let path = Ledger.casePath(learner: learner, id: id)
        var item = Case(path: path, document: try NewCase.parse(text, language: config.language))

        // The acknowledgement: the procedure's `ack` move when it has one, and the message.
        let initial = config.procedure.initialStage?.id ?? ""
        let ackMove = config.procedure.transitions(from: initial, fields: { item.field($0) }).first { $0.verb == "ack" }
        var stageTrailer = initial
        if ackMove != nil {
            let plan = try CaseMove.plan(MoveRequest(id: id, verb: "ack"), item: item, context: context)
            text = plan.newText
            stageTrailer = "\(plan.from) -> \(plan.to)"
            item = Case(path: path, document: try NewCase.parse(text, language: config.language))
        }
        let letter = try LetterRenderer.render("ack", language: config.language, item: item, ledger: ledger, now: now)
        var message = Outbox.message(letter, item: item, context: context, date: now)
        message.to = [MailMessage.Address(email: address)]
        let messagePath = Outbox.path(caseID: id, letter: "ack", ledger: ledger)

        writes.append((path, Data(text.utf8)))
        for attachment in attachments {
            writes.append(("\(Ledger.casesFolder)/\(learner)/\(id)/\(attachment.name)", attachment.data))
        }
        writes.append((messagePath, Data(message.rendered().utf8)))
        var expected: [String: ObjectID?] = [:]
        for write in writes { expected[write.path] = .some(nil) }
        var trailers = context.trailers(case: id, stage: stageTrailer)
        trailers.append(("Reclam-Intake", "web"))
        let change = Change(
            summary: "web(\(id)): complaint from the web form\(ackMove != nil ? ", acknowledged" : "")", writes: writes,
            expectedBase: expected, trailers: trailers)
        let result = try context.commit(change)
        return WebReceipt(
            id: id, learner: learner, received: now, deadline: promisedDeadline(item, settings: settings, config: config, asOf: now),
            token: token, commit: result, acknowledged: ackMove != nil, message: messagePath)
    }

    /// The learner whose `learner.md` lists the address; the first in order when several do.
    static func knownLearner(_ address: String, scan: LedgerScan, ledger: Ledger) -> String? {
        guard !address.isEmpty else { return nil }
        var matches: [String] = []
        for loaded in LedgerReader.documents(scan.learnerPaths, in: ledger) {
            guard case .success(let document) = loaded.result else { continue }
            let learner = Learner(path: loaded.path, document: document)
            if learner.emails.contains(where: { IntakeIndex.normalisedAddress($0) == address }) {
                matches.append(((loaded.path as NSString).deletingLastPathComponent as NSString).lastPathComponent)
            }
        }
        return matches.sorted().first
    }

    /// `web-` and eight random characters of the case-id alphabet: pseudonymous, unused.
    static func newLearnerID(taken: Set<String>) -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let id = learnerPrefix + String((0..<8).map { _ in CaseIDs.alphabet.randomElement(using: &generator)! })
            if !taken.contains(id) { return id }
        }
    }

    /// The first line of what happened, at most 80 characters.
    static func title(_ submission: WebSubmission, language: Language) -> String {
        let first = submission.happened.split(separator: "\n").first.map { TextDecoding.oneLine(String($0)) } ?? ""
        guard !first.isEmpty else { return language == .en ? "Complaint from the web form" : "Réclamation reçue par le formulaire web" }
        return first.count > 80 ? String(first.prefix(79)).trimmingCharacters(in: .whitespaces) + "…" : first
    }

    /// The complaint section: what happened, what is asked, and who wrote (from the form).
    static func body(_ submission: WebSubmission, language: Language) -> String {
        let english = language == .en
        var parts = [IntakeText.markdownBody(submission.happened).text]
        if !submission.request.isEmpty {
            parts.append((english ? "What the complainant asks for:" : "Demande du réclamant :"))
            parts.append(IntakeText.markdownBody(submission.request).text)
        }
        let who = WebFormTexts(language: language)["complainant_\(submission.complainant)"]
        var contact = [
            (english ? "Sent through the web form by" : "Envoyée par le formulaire web par") + (english ? ":" : " :"),
            "",
            "- " + (english ? "Name: " : "Nom : ") + escapeInline(submission.name),
            "- " + (english ? "As: " : "Qualité : ") + who,
        ]
        if !submission.phone.isEmpty { contact.append("- " + (english ? "Phone: " : "Téléphone : ") + escapeInline(submission.phone)) }
        if !submission.training.isEmpty {
            contact.append("- " + (english ? "Training: " : "Formation : ") + escapeInline(submission.training))
        }
        if !submission.session.isEmpty { contact.append("- " + (english ? "Session: " : "Session : ") + escapeInline(submission.session)) }
        parts.append(contact.joined(separator: "\n"))
        return parts.joined(separator: "\n\n")
    }

    /// Text on one line inside a list item: Markdown's inline markers and HTML are escaped.
    static func escapeInline(_ text: String) -> String { Escape.markdown(text) }

    /// Safe, unique names whose extension says what the content is.
    static func attachmentNames(_ uploads: [WebUpload], personal: [String]) -> [(name: String, data: Data)] {
        let files = uploads.map { upload in
            IncomingAttachment(
                name: upload.name, contentType: AttachmentType.detect(upload.data)?.mimeType ?? "application/octet-stream",
                data: upload.data)
        }
        let names = AttachmentNames.assign(files, personal: personal)
        var used = Set<String>()
        var out: [(name: String, data: Data)] = []
        for (name, file) in zip(names, files) {
            var fixed = name
            if let type = AttachmentType.detect(file.data), !type.extensions.contains((name as NSString).pathExtension.lowercased()) {
                fixed =
                    ((name as NSString).pathExtension.isEmpty ? name : (name as NSString).deletingPathExtension) + "." + type.extensions[0]
            }
            fixed = AttachmentNames.unique(fixed, used: used)
            used.insert(fixed.lowercased())
            out.append((fixed, file.data))
        }
        return out
    }

    /// The deadline of the promised rule's open clock, as of `asOf`.
    public static func promisedDeadline(_ item: Case, settings: ServeSettings, config: LedgerConfig, asOf: Date) -> Date? {
        guard config.deadlineErrors.isEmpty, let rule = settings.promisedRule(in: config) else { return nil }
        let (results, _) = SLAEvaluator.evaluate(
            item, procedure: config.procedure, calendar: config.calendar, rules: SLARuleSet(config.slaRules), asOf: asOf)
        return results.last { $0.rule.name == rule && $0.stop == nil }?.due
    }
}

/// The kinds of file the form accepts, recognised by their first bytes, never by their name.
public struct AttachmentType: Sendable, Equatable {
    public var mimeType: String
    /// Extensions a stored file of this kind may keep; the first is given to any other name.
    public var extensions: [String]

    static let pdf = AttachmentType(mimeType: "application/pdf", extensions: ["pdf"])
    static let png = AttachmentType(mimeType: "image/png", extensions: ["png"])
    static let jpeg = AttachmentType(mimeType: "image/jpeg", extensions: ["jpg", "jpeg"])
    static let gif = AttachmentType(mimeType: "image/gif", extensions: ["gif"])
    static let webp = AttachmentType(mimeType: "image/webp", extensions: ["webp"])
    static let heic = AttachmentType(mimeType: "image/heic", extensions: ["heic", "heif"])
    static let ooxml = AttachmentType(
        mimeType: "application/vnd.openxmlformats-officedocument", extensions: ["docx", "xlsx", "pptx"])
    static let odf = AttachmentType(mimeType: "application/vnd.oasis.opendocument", extensions: ["odt", "ods", "odp"])
    static let ole = AttachmentType(mimeType: "application/msword", extensions: ["doc", "xls", "ppt"])
    static let text = AttachmentType(mimeType: "text/plain", extensions: ["txt", "csv", "md"])

    /// The kind of the content, or nil when it is none the form accepts.
    public static func detect(_ data: Data) -> AttachmentType? {
        let bytes = [UInt8](data.prefix(4096))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("ftyp".utf8), at: 4), bytes.count >= 12,
            ["heic", "heix", "mif1", "msf1"].contains(String(decoding: bytes[8..<12], as: UTF8.self))
        {
            return .heic
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            // Office documents are zip files: ODF names its type in a first, stored `mimetype`
            // entry; OOXML has a `[Content_Types].xml` entry. Any other zip is refused.
            if starts(Array("mimetypeapplication/vnd.oasis.opendocument.".utf8), at: 30) { return .odf }
            if data.range(of: Data("[Content_Types].xml".utf8)) != nil { return .ooxml }
            return nil
        }
        // Text: valid UTF-8 without NUL or other control characters but tab and line breaks.
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        let allowed: Set<UInt32> = [0x09, 0x0A, 0x0D]
        let isText = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F || allowed.contains($0.value) }
        return isText ? .text : nil
    }
}
