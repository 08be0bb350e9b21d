package cmd_test

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdNoSecrets fails when any secret appears in any file under $WORK, the files the
// script names after "--" (token caches, inputs the script wrote itself; globs allowed)
// excepted:
//
//	nosecrets ISSUED_FILE [SECRET...] [-- EXCLUDED_PATH...]
//
// ISSUED_FILE is the output of "entra issued": every token, refresh token and device code
// the emulated Entra ID handed out. The SECRETs are client secrets, assertions, MDTI_TOKEN
// values. The script copies every command's stdout and stderr under $WORK, so they are
// searched too.
func cmdNoSecrets(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: nosecrets ISSUED_FILE [SECRET...] [-- EXCLUDED_PATH...]")
	}
	issued := ts.MkAbs(args[0])
	var secrets []string
	excluded := []string{issued}
	rest := args[1:]
	for i, a := range rest {
		if a == "--" {
			for _, p := range rest[i+1:] {
				excluded = append(excluded, ts.MkAbs(p))
			}
			break
		}
		secrets = append(secrets, a)
	}
	b, err := os.ReadFile(issued)
	ts.Check(err)
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			secrets = append(secrets, s)
		}
	}
	if len(secrets) < 3 {
		ts.Fatalf("only %d secrets to look for: the story signed in too little to prove anything", len(secrets))
	}
	files := 0
	err = filepath.WalkDir(ts.Getenv("WORK"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || matchesAny(excluded, path) {
			return err
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		for _, s := range secrets {
			if len(s) >= 8 && bytes.Contains(content, []byte(s)) {
				ts.Fatalf("%s holds a secret (%s…, %d bytes)", path, s[:6], len(s))
			}
			// A token's signature alone identifies it too.
			if parts := strings.Split(s, "."); len(parts) == 3 && len(parts[2]) >= 16 && bytes.Contains(content, []byte(parts[2])) {
				ts.Fatalf("%s holds the signature of a token (%s…)", path, s[:6])
			}
		}
		return nil
	})
	ts.Check(err)
	ts.Logf("searched %d files for %d secrets", files, len(secrets))
}

// matchesAny reports whether path is one of the patterns (filepath.Match globs).
func matchesAny(patterns []string, path string) bool {
	for _, p := range patterns {
		if ok, _ := filepath.Match(p, path); ok {
			return true
		}
	}
	return false
}

// cmdPerms requires every file matching PATH (a glob) to have exactly the permission
// bits MODE (octal):
//
//	perms MODE PATH...
func cmdPerms(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: perms MODE PATH...")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	for _, p := range args[1:] {
		paths, err := filepath.Glob(ts.MkAbs(p))
		ts.Check(err)
		if len(paths) == 0 {
			ts.Fatalf("no file matches %s", p)
		}
		for _, path := range paths {
			fi, err := os.Stat(path)
			ts.Check(err)
			if got := fi.Mode().Perm(); got != fs.FileMode(want) {
				ts.Fatalf("%s has mode %04o, want %04o", path, got, want)
			}
		}
	}
}
