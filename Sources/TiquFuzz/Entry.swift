// libFuzzer targets (`make fuzz`): each input runs through one stage (TIQU_FUZZ_TARGET: decode, clean,
// segment, numerals, rules, pipeline) and the stage's invariants are checked; a broken invariant traps,
// which libFuzzer reports as a crash and saves. Built with -sanitize=fuzzer,address and -DFUZZING; a
// normal build makes `tiqu-fuzz FILE...`, which replays saved inputs through the same checks (FuzzTests
// does that with every seed and every crash found, Fuzz/regressions/).
import Foundation

#if FUZZING
/// libFuzzer's entry point: the only pointer in this target, copied into an array at once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTargets.run(FuzzTargets.selected, Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
@main
struct Replay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard !arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: TIQU_FUZZ_TARGET=decode|clean|segment|numerals|rules|pipeline tiqu-fuzz FILE...\n".utf8))
            exit(64)
        }
        for path in arguments {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("tiqu-fuzz: cannot read \(path)\n".utf8))
                exit(66)
            }
            FuzzTargets.run(FuzzTargets.selected, [UInt8](data))
        }
        print("\(arguments.count) inputs passed the \(FuzzTargets.selected) checks")
    }
}
#endif
