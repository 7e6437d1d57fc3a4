import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// What a complainant may see of their case on the status page: the reference, the stage in
/// plain words, the date of each step and the answer deadline. Nothing internal: no owner, no
/// findings, no notes, no journal.
public struct PublicStatus: Sendable {
    public struct Step: Sendable, Equatable {
        public var label: String
        public var at: Date
    }

    public var id: String
    public var received: Date?
    public var stageLabel: String
    public var terminal: Bool
    /// Received first, then each step, oldest first.
    public var steps: [Step]
    public var deadline: Date?

    /// The case whose `status_token_sha256` is the token's hash, read afresh from the work tree.
    ///
    /// Every case file is read and compared, and the comparison takes the same time whether or
    /// not it matches, so that a wrong token costs as long as a right one.
    public static func find(token: String, ledger: Ledger, settings: ServeSettings, asOf: Date) throws(ReclamError) -> PublicStatus? {
        guard let path = try locate(hash: StatusToken.hash(token), ledger: ledger) else { return nil }
        guard case .success(let document) = LedgerReader.readDocument(path, in: ledger) else { return nil }
        return make(Case(path: path, document: document), ledger: ledger, settings: settings, asOf: asOf)
    }

    /// The path of the case holding this hash; every file is read whatever is found.
    static func locate(hash: String, ledger: Ledger) throws(ReclamError) -> String? {
        let scan = try LedgerScan.scan(ledger)
        let marker = Data("\n\(StatusToken.field):".utf8)
        let matches = Parallel.map(scan.casePaths) { path -> Bool in
            guard let data = try? FileSystem.readRegularFile(ledger.url(path), limit: TextFile.maximumSize) else { return false }
            var stored = ""
            if let range = data.range(of: marker) {
                let rest = data[range.upperBound...].prefix(200)
                let line = rest.prefix { $0 != 0x0A && $0 != 0x0D }
                stored = String(decoding: line, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \t'\""))
            }
            // Compared even when absent, against a value of the same length, for equal time.
            return StatusToken.equal(stored.isEmpty ? String(repeating: "-", count: hash.count) : stored.lowercased(), hash)
        }
        var found: String?
        for (path, matched) in zip(scan.casePaths, matches) where matched && found == nil { found = path }
        return found
    }

    /// The public view of a case: its stage label (`public_label` when the procedure gives one).
    public static func make(_ item: Case, ledger: Ledger, settings: ServeSettings, asOf: Date) -> PublicStatus {
        let config = ledger.config
        let labels = PublicLabels(config: config)
        var steps: [Step] = []
        if let received = item.received {
            steps.append(Step(label: WebFormTexts(language: config.language, overrides: settings.texts)["status_received"], at: received))
        }
        for step in item.steps {
            guard let at = step.at else { continue }
            steps.append(Step(label: labels.label(step.stage), at: at))
        }
        let terminal = config.procedure.stage(item.stage)?.terminal ?? false
        return PublicStatus(
            id: item.id, received: item.received, stageLabel: labels.label(item.stage), terminal: terminal, steps: steps,
            deadline: terminal ? nil : WebSubmission.promisedDeadline(item, settings: settings, config: config, asOf: asOf))
    }
}

/// Stage names for outsiders: a stage's `public_label` in `reclam.yml` (text, or a mapping of
/// languages), else its label in the ledger's language.
struct PublicLabels {
    var config: LedgerConfig
    var overrides: [String: String] = [:]

    init(config: LedgerConfig) {
        self.config = config
        for node in config.root?["procedure"]?["stages"]?.items ?? [] {
            guard let id = node["id"]?.scalar, let label = node["public_label"] else { continue }
            if let text = label.scalar {
                overrides[id] = text
            } else if let text = label[config.language.rawValue]?.scalar {
                overrides[id] = text
            }
        }
    }

    func label(_ stage: String) -> String {
        overrides[stage] ?? config.procedure.stage(stage)?.label(config.language) ?? stage
    }
}
