import ArgumentParser
import ReclamKit

struct UserRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a user; their sessions end at once.",
        discussion: """
            Example:
              reclam user remove marie
            """)

    @OptionGroup var user: ListedUser

    func run() throws {
        try user.update { users, _ in
            users.users.removeAll { $0.id == user.id }
            return Messages(RunLanguage.current).format(.userRemoved, user.id)
        }
    }
}
