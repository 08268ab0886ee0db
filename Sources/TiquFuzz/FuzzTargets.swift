import Foundation
import TiquClean
import TiquNumbers
import TiquRules
import TiquRun
import TiquSegment
import TiquText

/// The stages under fuzzing and the invariants each input must keep.
enum FuzzTargets {
    static let selected = ProcessInfo.processInfo.environment["TIQU_FUZZ_TARGET"] ?? "pipeline"

    /// The shipped rules, from TIQU_RULES or ./rules (the fuzzer runs from the package root).
    static let pipeline: Pipeline = {
        let dir = ProcessInfo.processInfo.environment["TIQU_RULES"] ?? "rules"
        let loaded = RuleLoader.load(directory: dir)
        precondition(loaded.errors.isEmpty, "the rules in \(dir) do not load: \(loaded.errors)")
        return try! Pipeline(ruleSet: loaded.ruleSet, options: Pipeline.Options(partBytes: 2_000))
    }()
    static let scratch = Scratch()

    static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "decode": decode(bytes)
        case "clean": clean(bytes)
        case "segment": segment(bytes)
        case "numerals": numerals(bytes)
        case "rules": rules(bytes)
        case "pipeline": whole(bytes)
        default: fatalError("unknown TIQU_FUZZ_TARGET \(target)")
        }
    }

    /// Offsets are monotone, one more than the scalars, and end at the end of the file.
    static func decode(_ bytes: [UInt8]) {
        for forced in [nil] + TextEncoding.allCases.map(Optional.some) {
            guard let d = try? Decoder.decode(bytes, forced: forced) else { continue }
            let offsets = d.byteOffsets.all
            precondition(offsets.count == d.scalars.count + 1, "offsets and scalars disagree")
            precondition(offsets.last.map(Int.init) == bytes.count, "offsets do not end at the end of the file")
            precondition(zip(offsets, offsets.dropFirst()).allSatisfy { $0 < $1 }, "offsets are not increasing")
        }
    }

    /// Every cleaned scalar maps to one original scalar, in order; removals and flags lie inside the text.
    static func clean(_ bytes: [UInt8]) {
        guard let d = try? Decoder.decode(bytes) else { return }
        let c = pipeline.cleaner.clean(d, scratch: scratch)
        var previous = -1
        c.map.forEachScalar { k, start, n, origin in
            precondition(origin > previous && origin < d.count, "cleaned scalar \(k) maps out of order")
            let span = c.map.original(start..<(start + n))
            precondition(span.char == origin..<(origin + 1), "the map's range of scalar \(k) is not its origin")
            previous = origin
        }
        precondition(c.map.cleanBytes == c.bytes && String(validating: c.bytes, as: UTF8.self) != nil, "cleaned text is not valid UTF-8")
        for r in c.removals { precondition(r.at <= c.bytes.count && r.original.char.upperBound <= d.count, "removal out of bounds") }
        for f in c.flags { precondition(f.range.upperBound <= c.bytes.count, "flag out of bounds") }
    }

    /// Sentences and paragraphs are sorted and disjoint; every point lies inside its parent.
    static func segment(_ bytes: [UInt8]) {
        guard let d = try? Decoder.decode(bytes) else { return }
        let c = pipeline.cleaner.clean(d, scratch: scratch)
        let s = pipeline.segmenter.segment(c, decoded: d, scratch: scratch)
        for list in [s.sentences, s.paragraphs] {
            precondition(zip(list, list.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound }, "ranges overlap or are unsorted")
            precondition(list.allSatisfy { $0.upperBound <= c.bytes.count && !$0.isEmpty }, "range out of bounds")
        }
        for p in s.points {
            precondition(p.range.upperBound <= c.bytes.count, "point out of bounds")
            if let parent = p.parent { precondition(s.points[parent].range.contains(p.range.lowerBound) || s.points[parent].range.isEmpty, "point outside its parent") }
        }
    }

    /// A numeral that parses gives a plain decimal text (digits, at most one point, no exponent) that
    /// reads back to the same value wherever it fits the reader (18 digits).
    static func numerals(_ bytes: [UInt8]) {
        let text = String(decoding: bytes.prefix(64), as: UTF8.self)
        guard let p = Numerals.parse(text) else { return }
        let written = p.value.description
        let body = written.hasPrefix("-") ? written.dropFirst() : Substring(written)
        precondition(!body.isEmpty && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && body.filter { $0 == "." }.count <= 1
                     && body.first != "." && body.last != ".", "\(text) → \(written) is not a plain decimal")
        if !written.hasPrefix("-"), body.filter(\.isNumber).count <= 18 {
            precondition(ExactDecimal(written) == p.value, "\(text) → \(written) does not read back")
        }
    }

    /// Any bytes as a rule file: the loader reports errors, never traps.
    static func rules(_ bytes: [UInt8]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tiqu-fuzz-rules-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // Removed after each input: a fuzzing process otherwise leaves its folder in /tmp for good.
        defer { try? FileManager.default.removeItem(at: dir) }
        try? Data(bytes).write(to: dir.appendingPathComponent("r.yaml"))
        _ = RuleLoader.load(directory: dir.path)
    }

    /// The whole pipeline: every record's spans slice to its text, in the file's bytes and its scalars.
    static func whole(_ bytes: [UInt8]) {
        guard let s = try? pipeline.run(SourceDocument(path: "f", bytes: bytes), scratch: scratch) else { return }
        for r in s.records {
            precondition(s.decoded.text(r.span.char) == r.text, "char span does not slice to the text")
            precondition(Int(s.decoded.byteOffsets[r.span.char.lowerBound]) == r.span.byte.lowerBound
                && Int(s.decoded.byteOffsets[r.span.char.upperBound]) == r.span.byte.upperBound, "byte span disagrees")
        }
    }
}
