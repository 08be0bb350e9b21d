// Package cmd builds the mdti command tree and maps errors to exit codes.
package cmd

// Main runs mdti and returns the process exit code.
func Main() int { return 0 }
