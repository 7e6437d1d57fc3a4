import ArgumentParser

// Placeholder, replaced by the real command.
struct IntakeSurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "intake-survey", abstract: "(not yet available)", shouldDisplay: false)
    func run() throws { throw ExitCode(2) }
}
