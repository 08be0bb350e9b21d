package actions

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/internal/cmdutil"
	"github.com/mdti-cli/mdti/internal/lookup"
)

// CreateOptions are the inputs of `mdti actions create`.
type CreateOptions struct {
	shared.Deps
	Name         string
	ActionReason string
	Parameters   []string // name=value
	Vendor       string
	Provider     string
	Input        string // a JSON body instead of the flags; "-" = stdin
	DryRun       bool
}

// maxBody bounds a --input body: a securityAction is a few hundred bytes.
const maxBody = 1 << 20

// NewCmdCreate creates a securityAction.
func NewCmdCreate(f *cmdutil.Factory, runF func(context.Context, *CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{Deps: newDeps(f)}
	c := &cobra.Command{
		Use:   "create",
		Short: "ask a security provider to act",
		Long: `Create a securityAction: POST beta /security/securityActions with the body the flags
build, as securityactions-post.md shows it:

  {"name": …, "actionReason": …, "parameters": [{"name": …, "value": …}…],
   "vendorInformation": {"provider": …, "vendor": …}}

--name is required; --parameter name=value may be repeated. --input FILE (- for stdin)
sends a JSON object you wrote instead, its properties as given; it cannot be combined with the body
flags. Prints the action Graph created. --dry-run prints the request and sends nothing.

Needs the application permission SecurityActions.ReadWrite.All (a user's sign-in gets
403). Users report that Graph answers "Cannot find a provider for this request".`,
		Example: `  mdti actions create --name BlockIp --action-reason "C2 contact" --parameter IP=203.0.113.7 --vendor Microsoft --provider "Windows Defender ATP"
  mdti actions create --input action.json --dry-run
  echo '{"name":"BlockIp","parameters":[{"name":"IP","value":"203.0.113.7"}]}' | mdti actions create --input -`,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{cmdutil.PermissionAnnotation: writePermission},
		RunE: func(c *cobra.Command, _ []string) error {
			bodyFlags := c.Flags().Changed("name") || c.Flags().Changed("action-reason") || c.Flags().Changed("parameter") ||
				c.Flags().Changed("vendor") || c.Flags().Changed("provider")
			if opts.Input != "" && bodyFlags {
				return cmdutil.FlagErrorf("--input sends its own body: give it without --name, --action-reason, --parameter, --vendor or --provider")
			}
			if opts.Input == "" && opts.Name == "" {
				return cmdutil.FlagErrorf("give --name (or --input FILE with the whole body)")
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return createRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Name, "name", "", "the action's `name`, such as BlockIp")
	c.Flags().StringVar(&opts.ActionReason, "action-reason", "", "why the action is taken (actionReason)")
	c.Flags().StringArrayVar(&opts.Parameters, "parameter", nil, "a parameter as `name=value` (repeatable)")
	c.Flags().StringVar(&opts.Vendor, "vendor", "", "vendorInformation.vendor, such as Microsoft")
	c.Flags().StringVar(&opts.Provider, "provider", "", `vendorInformation.provider, such as "Windows Defender ATP"`)
	c.Flags().StringVar(&opts.Input, "input", "", "send the JSON object in `FILE` as the body (- for stdin)")
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print the request and send nothing")
	return c
}

func createRun(ctx context.Context, opts *CreateOptions) error {
	body, err := opts.body()
	if err != nil {
		return err
	}
	w := shared.Writes{
		Plan: func(lookup.Input) shared.Request {
			return shared.Request{Method: http.MethodPost, Path: setPath, Body: body}
		},
		View:   ListView,
		DryRun: opts.DryRun,
	}
	return explain(opts.RunWrites(ctx, []lookup.Input{{Query: orName(body), Key: orName(body)}}, true, w), true)
}

func orName(body map[string]any) string {
	if n, ok := body["name"].(string); ok {
		return n
	}
	return "securityAction"
}

// body is the request body: the flags', or the JSON object of --input.
func (opts *CreateOptions) body() (map[string]any, error) {
	if opts.Input != "" {
		return opts.readBody()
	}
	b := map[string]any{"name": opts.Name}
	if opts.ActionReason != "" {
		b["actionReason"] = opts.ActionReason
	}
	if len(opts.Parameters) > 0 {
		params := make([]map[string]string, 0, len(opts.Parameters))
		for _, p := range opts.Parameters {
			name, value, ok := strings.Cut(p, "=")
			if !ok || strings.TrimSpace(name) == "" {
				return nil, cmdutil.FlagErrorf("--parameter %q: want name=value", p)
			}
			params = append(params, map[string]string{"name": name, "value": value})
		}
		b["parameters"] = params
	}
	if opts.Vendor != "" || opts.Provider != "" {
		vi := map[string]string{}
		if opts.Provider != "" {
			vi["provider"] = opts.Provider
		}
		if opts.Vendor != "" {
			vi["vendor"] = opts.Vendor
		}
		b["vendorInformation"] = vi
	}
	return b, nil
}

func (opts *CreateOptions) readBody() (map[string]any, error) {
	var r io.Reader
	if opts.Input == "-" {
		r = opts.IO.In
	} else {
		f, err := os.Open(opts.Input)
		if err != nil {
			return nil, cmdutil.FlagErrorf("read --input: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBody+1))
	if err != nil {
		return nil, fmt.Errorf("read --input: %w", err)
	}
	if len(data) > maxBody {
		return nil, &cmdutil.InputError{Problems: []string{"--input: larger than 1 MiB"}}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var body map[string]any
	if err := dec.Decode(&body); err != nil || body == nil {
		return nil, &cmdutil.InputError{Problems: []string{fmt.Sprintf("--input: not a JSON object: %v", err)}}
	}
	if dec.More() {
		return nil, &cmdutil.InputError{Problems: []string{"--input: one JSON object expected, found more"}}
	}
	if name, _ := body["name"].(string); strings.TrimSpace(name) == "" {
		return nil, &cmdutil.InputError{Problems: []string{`--input: "name" is required`}}
	}
	return body, nil
}
