import ArgumentParser

// Placeholder, replaced by the real command.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calendar", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws { throw ExitCode(2) }
}
