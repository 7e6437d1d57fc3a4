import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// `reclam init`: a new ledger with its settings, templates and a first commit.
public enum InitLedger {
    public struct Options: Sendable {
        public var directory: URL
        public var preset: ProcedurePreset
        public var organisation: String?
        public var actor: String?

        public init(directory: URL, preset: ProcedurePreset, organisation: String? = nil, actor: String? = nil) {
            self.directory = directory
            self.preset = preset
            self.organisation = organisation
            self.actor = actor
        }
    }

    public static func run(_ options: Options, environment: [String: String], now: Date) throws(ReclamError) -> CommitResult {
        let root = options.directory.standardizedFileURL
        let configURL = root.appendingPathComponent(LedgerConfig.fileName)
        // The language of the ledger to be written (the preset's), or of the one already there.
        let writing = LedgerConfig.read(Data(options.preset.configText.utf8)).0?.language ?? .en
        if FileSystem.kind(of: configURL) != nil {
            let language = (try? Ledger.open(at: root))?.config.language ?? writing
            throw .refused(Messages(language).format(.initAlreadyLedger, configURL.path))
        }
        let m = Messages(writing)
        if let organisation = options.organisation, organisation.contains("\n") {
            throw .usage("--organisation must be one line")
        }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw .io(m.format(.cannotCreate, root.path, error.localizedDescription))
        }
        let repository: GitRepository
        do {
            if FileSystem.kind(of: root.appendingPathComponent(".git")) != nil {
                repository = try GitRepository.open(at: root.path)
            } else {
                repository = try GitRepository.initialize(at: root.path)
            }
        } catch {
            throw .io(m.format(.cannotCreateRepository, root.path, "\(error)"))
        }
        var config = options.preset.configText
        if let organisation = options.organisation {
            config = config.replacingOccurrences(
                of: #"(?m)^organisation: .*$"#,
                with: "organisation: "
                    + YAMLScalarWriter.block(organisation).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                        of: "$", with: "\\$"),
                options: .regularExpression)
        }
        guard let (ledgerConfig, problems) = Optional(LedgerConfig.read(Data(config.utf8))), let ledgerConfig, !problems.hasErrors else {
            throw .usage("the settings for --organisation do not parse")
        }
        var writes: [(path: String, contents: Data)] = [
            (LedgerConfig.fileName, Data(config.utf8)), ("\(Ledger.casesFolder)/.gitkeep", Data()),
        ]
        if FileSystem.kind(of: root.appendingPathComponent(".gitattributes")) == nil {
            writes.append((".gitattributes", Data(MergeDriver.gitattributes.utf8)))
        }
        if let ignore = UsersFileIgnore.gitignore(existing: try? Data(contentsOf: root.appendingPathComponent(".gitignore"))) {
            writes.append((".gitignore", ignore))
        }
        for (path, text) in DefaultTemplates.files.sorted(by: { $0.key < $1.key }) {
            if FileSystem.kind(of: root.appendingPathComponent(path)) == nil { writes.append((path, Data(text.utf8))) }
        }
        let ledger = Ledger(root: root, config: ledgerConfig, configDiagnostics: [])
        let actor = try WriteContext.resolveActor(option: options.actor, environment: environment, repository: repository)
        let context = WriteContext(ledger: ledger, repository: repository, actor: actor, now: now)
        let change = Change(
            summary: "init: ledger with the \(options.preset.rawValue) procedure", writes: writes,
            trailers: [("Reclam-Procedure", options.preset.rawValue), ("Reclam-Actor", actor.name)])
        return try context.commit(change)
    }
}
