// Command mdti reads Microsoft Defender Threat Intelligence data from Microsoft Graph.
package main

import (
	"os"

	"github.com/mdti-cli/mdti/cmd"
)

func main() { os.Exit(cmd.Main()) }
