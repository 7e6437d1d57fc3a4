import Foundation
import ReclamCore
import ReclamGit

/// The ledger's templates, falling back to the built-in ones when a team has removed a file.
public enum Templates {
    public static let casePath = "templates/case.md"

    public static func caseBody(in ledger: Ledger) -> String {
        if let data = try? FileSystem.readRegularFile(ledger.url(casePath), limit: TextFile.maximumSize),
            let text = try? TextFile.decode(data)
        {
            return text.text
        }
        return DefaultTemplates.files[casePath] ?? "\n## Journal\n"
    }
}
