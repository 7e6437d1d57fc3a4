import ArgumentParser
import Foundation
import ReclamKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a ledger: reclam.yml, cases/, templates/, a git repository and a first commit.",
        discussion: """
            Refuses to touch a folder that already holds reclam.yml. An existing git repository
            is reused; otherwise one is created with the branch 'main'.

            Examples:
              reclam init reclamations
              reclam init --procedure network --organisation "Réseau Exemple" reseau
            """
    )

    @Argument(help: ArgumentHelp("Folder of the new ledger (default: the current folder).", valueName: "dir"))
    var directory: String = "."

    @Option(help: "Procedure preset: training (procedure A, default) or network (procedure B).")
    var procedure: ProcedurePreset = .training

    @Option(help: "Name of the organisation, used in letters and reports.")
    var organisation: String?

    @OptionGroup var write: WriteOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let now = try Clock.now(environment: environment)
        let url = URL(fileURLWithPath: directory)
        _ = try InitLedger.run(
            .init(directory: url, preset: procedure, organisation: organisation, actor: write.actor), environment: environment, now: now)
        // The merge driver's command is per clone: .gitattributes is committed, this is not.
        let repository = try GitRepository.open(at: url.standardizedFileURL.path)
        try MergeDriver.register(repository, reclamPath: RunningBinary.path())
        let language = (try? Ledger.open(at: url.standardizedFileURL))?.config.language ?? .en
        print(Messages(language).format(.initialised, procedure.rawValue, url.standardizedFileURL.path))
    }
}

extension ProcedurePreset: ExpressibleByArgument {}
