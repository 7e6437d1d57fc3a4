import ArgumentParser
import ReclamKit
import ReclamServer

struct UserPasswdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Change a user's password (read from standard input or asked for); their sessions end.",
        discussion: """
            Example:
              printf '%s\\n' "$NEW_PASSWORD" | reclam user passwd marie
            """)

    @OptionGroup var user: ListedUser

    func run() throws {
        try user.update(hint: .userAddHint) { users, index in
            let m = Messages(RunLanguage.current)
            let password = try UserFile.readPassword(prompt: m.format(.userNewPassword, user.id))
            users.users[index].passwordHash = PasswordHash.make(password)
            return m.format(.userPasswordChanged, user.id)
        }
    }
}
