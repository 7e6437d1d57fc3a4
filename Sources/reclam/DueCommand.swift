import ArgumentParser

// Placeholder, replaced by the real command.
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "due", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws { throw ExitCode(2) }
}
