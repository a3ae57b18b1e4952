import Foundation
import FuzzTargets

// Built two ways. With `-sanitize=fuzzer -DFUZZING` (Tools/fuzz/run.sh) libFuzzer owns `main`
// and calls `LLVMFuzzerTestOneInput` for the target named by ARCHIVE_FUZZ_TARGET. Without, it
// replays files through a target: `archive-fuzz <target> <file or folder>...`.

#if FUZZING
    nonisolated(unsafe) private var selected: FuzzTarget?

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
        if selected == nil {
            let name = ProcessInfo.processInfo.environment["ARCHIVE_FUZZ_TARGET"] ?? ""
            guard let target = FuzzTarget(rawValue: name) else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
                FileHandle.standardError.write(Data("set ARCHIVE_FUZZ_TARGET to one of: \(names)\n".utf8))
                exit(2)
            }
            selected = target
        }
        selected!.run(UnsafeRawBufferPointer(start: start, count: count))
        return 0
    }
#else
    @main
    struct FuzzReplay {
        static func main() throws {
            let arguments = Array(CommandLine.arguments.dropFirst())
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
                FileHandle.standardError.write(Data("usage: archive-fuzz \(names) <file or folder>...\n".utf8))
                exit(2)
            }
            var count = 0
            for path in arguments.dropFirst() {
                for file in try files(at: path) {
                    target.run(try Data(contentsOf: URL(fileURLWithPath: file)))
                    count += 1
                }
            }
            print("\(name): \(count) inputs replayed")
        }

        static func files(at path: String) throws -> [String] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                return [path]
            }
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 }
        }
    }
#endif
