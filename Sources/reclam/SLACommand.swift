import ArgumentParser

// Placeholder, replaced by the real command.
struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sla", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws { throw ExitCode(2) }
}
