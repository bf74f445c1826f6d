# Lodemap: `make run` opens the app on the embedded dataset, `make test`
# runs every test. Both install the Debian packages they need when missing.
SHELL := /bin/bash

BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
TEST_PKGS := xvfb xauth xdotool imagemagick poppler-utils
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
export LANG ?= en_US.UTF-8

.PHONY: run test bench deps test-deps lint build

define install_missing
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PKGS))

test-deps: deps
	$(call install_missing,$(TEST_PKGS))

run: deps
	go run ./cmd/lodemap

build: deps
	go build -o lodemap ./cmd/lodemap

# GUI tests need an X display: use the one given, or start a virtual one.
test: test-deps
	@if [ -n "$$DISPLAY" ]; then go test ./...; \
	else xvfb-run -a -s "-screen 0 1600x1000x24" go test ./...; fi

lint:
	test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	go vet ./...
	go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

bench:
	go test -run '^$$' -bench . -benchmem ./geo/...
