import CLibgit2
import Foundation
import ReclamCore

/// git's own three-way merge of two texts (libgit2's `git_merge_file`, in memory, no
/// repository): what `git merge` does to a file no merge driver knows.
public enum TextMerge {
    public struct Result: Sendable, Equatable {
        public var text: String
        /// False when the text holds conflict markers.
        public var clean: Bool
    }

    public static func merge(
        base: String, ours: String, theirs: String, oursLabel: String = "ours", theirsLabel: String = "theirs"
    ) throws -> Result {
        try Libgit2.ensureInitialized()
        if ours == theirs || theirs == base { return Result(text: ours, clean: true) }
        if ours == base { return Result(text: theirs, clean: true) }
        var options = git_merge_file_options()
        try check(git_merge_file_options_init(&options, UInt32(GIT_MERGE_FILE_OPTIONS_VERSION)), "initialise merge options")
        var out = git_merge_file_result()
        // NUL-terminated, so that an empty text still has an address (a null one means "no file").
        let baseBytes = base.utf8CString
        let oursBytes = ours.utf8CString
        let theirsBytes = theirs.utf8CString
        let result = baseBytes.withUnsafeBufferPointer { b in
            oursBytes.withUnsafeBufferPointer { o in
                theirsBytes.withUnsafeBufferPointer { t in
                    oursLabel.withCString { ol in
                        theirsLabel.withCString { tl in
                            options.our_label = ol
                            options.their_label = tl
                            var inputs = [git_merge_file_input(), git_merge_file_input(), git_merge_file_input()]
                            for (index, buffer) in [b, o, t].enumerated() {
                                _ = git_merge_file_input_init(&inputs[index], UInt32(GIT_MERGE_FILE_INPUT_VERSION))
                                inputs[index].size = buffer.count - 1
                                inputs[index].ptr = buffer.baseAddress
                            }
                            return git_merge_file(&out, &inputs[0], &inputs[1], &inputs[2], &options)
                        }
                    }
                }
            }
        }
        try check(result, "merge text")
        defer { git_merge_file_result_free(&out) }
        let bytes = out.ptr.map { UnsafeRawBufferPointer(start: $0, count: out.len) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
        return Result(text: String(decoding: bytes, as: UTF8.self), clean: out.automergeable != 0)
    }
}
