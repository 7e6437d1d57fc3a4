import Foundation

/// The current time, unless `RECLAM_NOW` says otherwise (tests, replays of a past day).
public enum Clock {
    public static func now(environment: [String: String]) throws(ReclamError) -> Date {
        guard let text = environment["RECLAM_NOW"], !text.isEmpty else { return Date() }
        guard let parsed = ISODateTime.parse(text) else {
            throw .usage("RECLAM_NOW='\(text)' is not an ISO 8601 date-time with offset, e.g. 2026-10-05T09:12:00+02:00")
        }
        return parsed.date
    }
}

public enum ReclamVersion {
    public static let current = "0.1.0"
}
