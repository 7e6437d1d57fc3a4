import ArgumentParser

// Placeholder, replaced by the real command.
struct IntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "intake", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws { throw ExitCode(2) }
}
