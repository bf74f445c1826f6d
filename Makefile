# Lodemap: `make run` opens the app on the embedded dataset, `make test`
# runs every test. Both install the Debian packages they need when missing.
SHELL := /bin/bash

BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libproj-dev
TEST_PKGS := xvfb xauth xdotool imagemagick poppler-utils desktop-file-utils appstream gdal-bin librsvg2-bin
WIN_PKGS := gcc-mingw-w64-x86-64 nsis file
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
export LANG ?= en_US.UTF-8

.PHONY: run test bench bench-compare deps test-deps lint build dist-linux dist-windows dist-darwin dist-windows-check

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
	go test -tags noproj ./geo/crs

lint:
	go mod tidy -diff
	test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	go vet ./...
	go vet -tags noproj ./geo/crs ./data
	go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...
	go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 -tags noproj ./geo/crs

bench:
	go test -run '^$$' -bench . -benchmem ./geo/...

# Installers (see README, "Build installers"). Artifacts go to cmd/dist/out/.
dist-linux: test-deps
	go run ./cmd/dist linux

dist-windows: deps
	$(call install_missing,$(WIN_PKGS))
	go run ./cmd/dist windows

dist-darwin:
	go run ./cmd/dist darwin

# The Windows cross build takes about 10 minutes cold, so CI leaves it out;
# this target builds and checks it (PE32+ program and installer).
dist-windows-check: deps
	$(call install_missing,$(WIN_PKGS))
	LODEMAP_DIST_WINDOWS=1 go test -run TestWindows -v -timeout 30m ./cmd/dist

# Lodemap beside GDAL on the same generated 1,000,000-site file (needs gdal-bin).
bench-compare: deps
	$(call install_missing,gdal-bin)
	go run ./cmd/benchcompare
