# The two commands of README.md: `make demo` and `make test`. Each installs what is missing first.
SWIFT ?= swift
TIQU := .build/release/tiqu

PREFIX ?= /usr/local

.PHONY: deps build demo test golden accuracy bench bench-diff bench-memory rules-test install fuzz

FUZZ_SECONDS ?= 60

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product tiqu

## Installs what is missing, builds, and runs the pipeline over samples/, printing records.
demo: build
	$(TIQU) run samples

## Installs what is missing and runs the whole test suite (rule examples, samples, corpus when present).
## (Also the accuracy floors of scripts/accuracy when ../shared/corpus is there, the Spark driver in
## local[2] against `tiqu run`, and a short fuzzing pass of every libFuzzer target: FUZZ_SECONDS=5 each.)
test:
	@scripts/install-deps.sh --test
	$(SWIFT) build --build-tests
	$(SWIFT) test
	scripts/accuracy/check.sh .build/debug/tiqu
	scripts/test-spark.sh
	FUZZ_SECONDS=5 scripts/fuzz.sh

## Rewrites samples/expected*.jsonl after a deliberate change to rules or code; review the diff. Refuses
## while `tiqu rules test` fails: expected records are only written from rules whose examples hold.
golden: build
	@$(TIQU) rules test > /dev/null || { $(TIQU) rules test | grep -v '^[0-9]* rules:' >&2; \
	  echo "make golden: not writing samples/expected*.jsonl while 'tiqu rules test' fails (above)" >&2; exit 1; }
	$(TIQU) run --update samples
	$(TIQU) segment --json samples > samples/expected-tree.jsonl.tmp && mv samples/expected-tree.jsonl.tmp samples/expected-tree.jsonl

rules-test: build
	$(TIQU) rules test

## Agreement of indicator, change, modality, period… with careful readers on ../shared/corpus
## (scripts/accuracy/README.md); fails below the floors.
accuracy: build
	scripts/accuracy/check.sh $(TIQU)

## Speed and peak memory over ../shared/corpus (see README, "Speed").
bench: build
	@scripts/install-deps.sh --bench
	scripts/bench.sh

## Installs tiqu as PREFIX/bin/tiqu and the shipped rules as PREFIX/share/tiqu/rules, where it finds them.
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/tiqu
	install -m 755 $(TIQU) $(DESTDIR)$(PREFIX)/bin/tiqu
	rm -rf $(DESTDIR)$(PREFIX)/share/tiqu/rules
	cp -R rules $(DESTDIR)$(PREFIX)/share/tiqu/rules

## Time of `tiqu diff` on two files of 100,000 records (see README, "Reviewing changes").
bench-diff: build
	scripts/bench-diff.sh

## Peak memory on 50 MB single documents and a folder of hostile inputs (see README, "Speed and memory").
bench-memory: build
	scripts/bench-memory.sh

## Every libFuzzer target for FUZZ_SECONDS seconds each (Fuzz/README.md); exits non-zero on a crash.
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh
