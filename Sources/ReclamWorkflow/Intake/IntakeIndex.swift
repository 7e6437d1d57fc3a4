import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// What intake must know about the ledger before it writes: the keys of what was already taken
/// in (so that nothing is taken in twice), the learners' addresses, and the ids in use.
struct IntakeIndex: Sendable {
    /// `message_id` → case id.
    var messageIDs: [String: String] = [:]
    /// `content_sha256` → case id (messages without a Message-ID).
    var contentHashes: [String: String] = [:]
    /// `survey_key` → case id.
    var surveyKeys: [String: String] = [:]
    /// Lowercased address → the learners whose `emails:` list it.
    var learnersByEmail: [String: [String]] = [:]
    /// Every case id in use (from file names).
    var caseIDs: Set<String> = []
    /// Learner folders that exist.
    var learners: Set<String> = []

    static let keyFields = ["message_id", "content_sha256", "survey_key"]

    static func load(_ ledger: Ledger) throws(ReclamError) -> IntakeIndex {
        var index = IntakeIndex()
        let scan = try LedgerScan.scan(ledger)
        index.learners = Set(scan.learnerFolders.map { ($0 as NSString).lastPathComponent })
        index.caseIDs = Set(scan.casePaths.map { String(($0 as NSString).lastPathComponent.dropLast(3)) })
        let markers = keyFields.map { Data($0.utf8) }
        let found = Parallel.map(scan.casePaths) { path -> [(String, String, String)] in
            guard let data = try? FileSystem.readRegularFile(ledger.url(path), limit: TextFile.maximumSize),
                markers.contains(where: { data.range(of: $0) != nil }),
                let document = try? MarkdownDocument.parse(data: data)
            else { return [] }
            let id = document.string("id") ?? String((path as NSString).lastPathComponent.dropLast(3))
            return keyFields.compactMap { field in document.string(field).map { (field, $0, id) } }
        }
        for (field, value, id) in found.joined() {
            switch field {
            case "message_id": index.messageIDs[normalisedMessageID(value)] = id
            case "content_sha256": index.contentHashes[value.lowercased()] = id
            default: index.surveyKeys[value] = id
            }
        }
        for loaded in LedgerReader.documents(scan.learnerPaths, in: ledger) {
            guard case .success(let document) = loaded.result else { continue }
            let learner = Learner(path: loaded.path, document: document)
            let folder = ((loaded.path as NSString).deletingLastPathComponent as NSString).lastPathComponent
            for key in addresses(of: learner) where !(index.learnersByEmail[key]?.contains(folder) ?? false) {
                index.learnersByEmail[key, default: []].append(folder)
            }
        }
        return index
    }

    /// The keys `learnersByEmail` files a learner under (the web form's `SubmissionDirectory`
    /// too): its addresses normalised, the empty ones dropped.
    static func addresses(of learner: Learner) -> [String] {
        learner.emails.map(normalisedAddress).filter { !$0.isEmpty }
    }

    static func normalisedMessageID(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t\r\n"))
    }

    static func normalisedAddress(_ text: String) -> String {
        var address = text.trimmingCharacters(in: .whitespaces)
        if address.lowercased().hasPrefix("mailto:") { address = String(address.dropFirst(7)) }
        if let open = address.lastIndex(of: "<"), address.hasSuffix(">") {
            address = String(address[address.index(after: open)..<address.index(before: address.endIndex)])
        }
        return address.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
