package incidents

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/mdti-cli/mdti/cmd/shared"
	"github.com/mdti-cli/mdti/cmd/shared/enrich"
	"github.com/mdti-cli/mdti/cmd/shared/sharedtest"
)

func TestFlags(t *testing.T) {
	var list *ListOptions
	if err := sharedtest.Execute(NewCmdList(sharedtest.Factory(), func(_ context.Context, o *ListOptions) error {
		list = o
		return nil
	}), "--with-alerts", "--status", "active"); err != nil || list == nil || !list.WithAlerts || !reflect.DeepEqual(list.Filter.Status, []string{"active"}) {
		t.Errorf("list: %+v, %v", list, err)
	}
	if err := sharedtest.Execute(NewCmdList(sharedtest.Factory(), nil), "--service-source", "x"); err == nil || !strings.Contains(err.Error(), "unknown flag: --service-source") {
		t.Errorf("--service-source on incidents: %v", err)
	}
	var get *GetOptions
	if err := sharedtest.Execute(NewCmdGet(sharedtest.Factory(), func(_ context.Context, o *GetOptions) error {
		get = o
		return nil
	}), "41001", "41002", "--with-alerts"); err != nil || get == nil || !get.WithAlerts || !reflect.DeepEqual(get.Args, []string{"41001", "41002"}) {
		t.Errorf("get: %+v, %v", get, err)
	}
	var upd *shared.UpdateOptions
	if err := sharedtest.Execute(shared.NewCmdUpdate(sharedtest.Factory(), triage, updateHelp, func(_ context.Context, o *shared.UpdateOptions) error {
		upd = o
		return nil
	}), "41001", "--tag", "a,b", "--tag", "c", "--untag", "Demo"); err != nil || upd == nil {
		t.Fatal(err)
	}
	// --tag takes each value whole: a tag may contain a comma.
	if !reflect.DeepEqual(upd.Tags, []string{"a,b", "c"}) || !reflect.DeepEqual(upd.Untags, []string{"Demo"}) || upd.AssignSet {
		t.Errorf("update: %+v", upd)
	}
}

func TestMergeTags(t *testing.T) {
	for _, tt := range []struct {
		cur, add, remove, want []string
	}{
		{nil, []string{"a"}, nil, []string{"a"}},
		{[]string{"Demo"}, []string{"Demo", "x"}, nil, []string{"Demo", "x"}},
		{[]string{"Demo", "y"}, []string{"x"}, []string{"Demo"}, []string{"y", "x"}},
		{[]string{"a"}, nil, []string{"a"}, []string{}},
	} {
		if got := shared.MergeTags(tt.cur, tt.add, tt.remove); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("MergeTags(%q, %q, %q) = %q, want %q", tt.cur, tt.add, tt.remove, got, tt.want)
		}
	}
	for rec, want := range map[string][]string{
		`{"customTags":["a"]}`: {"a"}, `{"tags":["b"]}`: {"b"}, `{"customTags":[],"tags":["b"]}`: {}, `{}`: nil,
	} {
		if got := shared.CurrentTags([]byte(rec)); !reflect.DeepEqual(got, want) {
			t.Errorf("CurrentTags(%s) = %q, want %q", rec, got, want)
		}
	}
}

func TestEnrichIsWiredWithTheIncidentPermissions(t *testing.T) {
	var got *enrich.Options
	c := NewCmdEnrich(sharedtest.Factory(), func(_ context.Context, o *enrich.Options) error {
		got = o
		return nil
	})
	if err := sharedtest.Execute(c, "41001", "--comment", "--with", "whois"); err != nil || got == nil {
		t.Fatalf("enrich: %v", err)
	}
	if got.Source != enrich.Incidents || !got.Comment || strings.Join(got.With, ",") != "whois" {
		t.Errorf("options %+v", got)
	}
	if sub, _, err := NewCmdIncidents(sharedtest.Factory()).Find([]string{"enrich"}); err != nil || sub.Name() != "enrich" {
		t.Errorf("incidents enrich not found: %v", err)
	}
}
