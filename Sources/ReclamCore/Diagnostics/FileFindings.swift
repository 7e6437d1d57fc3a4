/// The findings about one file, gathered as a check walks it.
public struct FileFindings: Sendable {
    public let file: String
    public private(set) var all: [Diagnostic] = []

    public init(file: String) { self.file = file }

    public mutating func report(_ rule: Rule, _ message: String, _ location: SourceLocation?) {
        all.append(Diagnostic(rule, message, file: file, at: location))
    }

    public mutating func append(contentsOf more: [Diagnostic]) { all += more }
}
