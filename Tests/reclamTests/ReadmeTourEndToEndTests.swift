import Foundation
import Testing

/// The README's tour is run as it is written, with the example inputs it points to: a step that
/// fails (a command that does not exist, a refusal, a missing input) fails the test.
@Suite struct ReadmeTourEndToEndTests {
    static func tour() throws -> String {
        let readme = try String(contentsOf: Shell.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "<!-- tour -->\n```sh\n"),
            let end = readme.range(of: "```\n<!-- /tour -->", range: start.upperBound..<readme.endIndex)
        else { throw TourError.noTour }
        return String(readme[start.upperBound..<end.lowerBound])
    }

    enum TourError: Error { case noTour }

    @Test func theTourRunsStepByStep() throws {
        let shell = try Shell()
        defer { shell.remove() }
        let tour = try Self.tour()
        #expect(tour.contains("reclam init"))
        #expect(tour.contains("../examples/message.eml"))
        try FileManager.default.copyItem(
            at: Shell.packageRoot.appendingPathComponent("examples"), to: shell.directory.appendingPathComponent("examples"))
        let script = """
            set -eE -o pipefail
            trap 'echo "README tour failed at: $BASH_COMMAND" >&2' ERR
            export PATH="\(URL(fileURLWithPath: Shell.reclam).deletingLastPathComponent().path):$PATH"
            \(tour)
            echo "tour done"
            """
        try Data(script.utf8).write(to: shell.directory.appendingPathComponent("tour.sh"))
        let result = try shell.run("/bin/bash", ["tour.sh"], in: nil)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("tour done\n"))
        // The tour leaves a clean, valid ledger, with the complaint email and the survey's low score as cases.
        #expect(try shell.git("status", "--porcelain", "--untracked-files=no", in: "my-ledger").stdout.isEmpty)
        let list = try shell.run(Shell.reclam, ["list", "--format", "csv"], in: "my-ledger").stdout
        #expect(list.contains("convocation reçue la veille"), "\(list)")
        #expect(list.contains("stg-2026-021"))
        #expect(!list.contains("stg-2026-022"))
        #expect(try shell.run(Shell.reclam, ["check"], in: "my-ledger").status == 0)
    }
}
