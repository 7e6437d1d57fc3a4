import Foundation
import HTTPTypes
import Hummingbird
import ReclamCore
import ReclamLedger

/// The connection's own peer address, for the request being handled: the trusted user
/// header is taken only from loopback or a listed proxy, never on the word of a forwarded
/// address.
enum RequestPeer {
    @TaskLocal static var address: String?
}

struct RequestPeerMiddleware: RouterMiddleware {
    typealias Context = FrontDoorContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await RequestPeer.$address.withValue(context.remoteAddress?.ipAddress) { try await next(request, context) }
    }
}

extension StaffDesk {
    /// The person a trusted reverse proxy names in `serve.trusted_user_header`, when the
    /// setting is on, the request comes from loopback or `serve.trusted_proxies`, and the id
    /// is a user of `users.yml`; nil otherwise (the cookie session applies).
    func trustedSession(_ request: Request, settings: ServeSettings, users: StaffUsers) -> StaffSessions.Session? {
        guard let header = settings.trustedUserHeader, let name = HTTPField.Name(header),
            let id = request.headers[name]?.trimmingCharacters(in: .whitespaces), !id.isEmpty
        else { return nil }
        guard settings.trustsUserHeader(from: RequestPeer.address) else {
            door.log("trusted user header ignored: the request does not come from loopback or serve.trusted_proxies")
            return nil
        }
        guard let user = users.user(id) else { return nil }
        // A fixed number per user and password: the forms' CSRF token stays valid from one
        // request to the next, and another site still cannot compute it.
        return StaffSessions.Session(user: user, nonce: "proxy-" + StaffSessions.fingerprint(user.passwordHash) + "-" + user.id)
    }
}
