import Foundation
import MultipartKit
import NIOCore
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules
import ReclamWorkflow

/// The fields and files of a posted form, `multipart/form-data` (the form's own encoding,
/// parsed by MultipartKit) or `application/x-www-form-urlencoded`.
struct FormBody {
    var fields: [String: String] = [:]
    var files: [WebUpload] = []

    enum Failure: Error {
        case unsupportedType
        case malformed
        case tooManyParts
    }

    static let maximumParts = 64

    static func parse(_ buffer: ByteBuffer, contentType: String?) throws(Failure) -> FormBody {
        let type = contentType ?? ""
        let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch mediaType {
        case "multipart/form-data":
            guard let boundary = parameter("boundary", in: type), !boundary.isEmpty, boundary.count <= 200 else { throw .malformed }
            return try multipart(buffer, boundary: boundary)
        case "application/x-www-form-urlencoded":
            return try urlEncoded(buffer)
        default:
            throw .unsupportedType
        }
    }

    static func multipart(_ buffer: ByteBuffer, boundary: String) throws(Failure) -> FormBody {
        final class Collector {
            var form = FormBody()
            var headers: [(String, String)] = []
            var body = Data()
            var parts = 0
            var overflow = false

            func complete() {
                parts += 1
                if parts > FormBody.maximumParts {
                    overflow = true
                    return
                }
                let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
                guard let name = FormBody.parameter("name", in: disposition) else { return }
                if let filename = FormBody.parameter("filename", in: disposition) {
                    // An empty file input still sends a part, with no name and no content.
                    if !(filename.isEmpty && body.isEmpty) && name == "files" { form.files.append(WebUpload(name: filename, data: body)) }
                } else if form.fields[name] == nil {
                    form.fields[name] = String(decoding: body, as: UTF8.self)
                }
                headers = []
                body = Data()
            }
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.headers.append((name, value)) }
        parser.onBody = { chunk in collector.body.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = { collector.complete() }
        do { try parser.execute(buffer) } catch { throw .malformed }
        if collector.overflow { throw .tooManyParts }
        return collector.form
    }

    static func urlEncoded(_ buffer: ByteBuffer) throws(Failure) -> FormBody {
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
        var form = FormBody()
        let pairs = text.split(separator: "&")
        guard pairs.count <= maximumParts else { throw .tooManyParts }
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String? {
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let name = decode(parts[0]), let value = parts.count > 1 ? decode(parts[1]) : "" else { throw .malformed }
            if form.fields[name] == nil { form.fields[name] = value }
        }
        return form
    }

    /// A parameter of a header value: `name="files"; filename="a;b.pdf"`, quotes and escapes undone.
    static func parameter(_ key: String, in header: String) -> String? {
        var index = header.startIndex
        // Skip the value before the first `;`.
        guard let first = header.firstIndex(of: ";") else { return nil }
        index = header.index(after: first)
        while index < header.endIndex {
            while index < header.endIndex, header[index] == " " || header[index] == "\t" { index = header.index(after: index) }
            let nameEnd = header[index...].firstIndex { $0 == "=" || $0 == ";" } ?? header.endIndex
            let name = header[index..<nameEnd].trimmingCharacters(in: .whitespaces).lowercased()
            index = nameEnd
            var value = ""
            if index < header.endIndex, header[index] == "=" {
                index = header.index(after: index)
                if index < header.endIndex, header[index] == "\"" {
                    index = header.index(after: index)
                    while index < header.endIndex, header[index] != "\"" {
                        if header[index] == "\\", header.index(after: index) < header.endIndex { index = header.index(after: index) }
                        value.append(header[index])
                        index = header.index(after: index)
                    }
                    if index < header.endIndex { index = header.index(after: index) }
                    index = header[index...].firstIndex(of: ";") ?? header.endIndex
                } else {
                    let end = header[index...].firstIndex(of: ";") ?? header.endIndex
                    value = header[index..<end].trimmingCharacters(in: .whitespaces)
                    index = end
                }
            }
            if name == key.lowercased() { return value }
            if index < header.endIndex { index = header.index(after: index) }
        }
        return nil
    }

    /// The submission the form describes (not yet cleaned or validated).
    var submission: WebSubmission {
        var submission = WebSubmission()
        submission.complainant = fields["complainant"] ?? ""
        submission.name = fields["name"] ?? ""
        submission.email = fields["email"] ?? ""
        submission.phone = fields["phone"] ?? ""
        submission.training = fields["training"] ?? ""
        submission.session = fields["session"] ?? ""
        submission.happened = fields["happened"] ?? ""
        submission.request = fields["request"] ?? ""
        submission.consent = !(fields["consent"] ?? "").isEmpty
        submission.files = files
        return submission
    }
}
