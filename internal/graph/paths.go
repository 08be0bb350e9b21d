package graph

import (
	"crypto/rand"
	"fmt"
	"net/url"
	"strings"
)

const tiRoot = "/security/threatIntelligence"

// Segment escapes id as exactly one path segment: "/", "?", "#", "%" and
// everything else url.PathEscape handles are percent-encoded, and "." and
// ".." (which a URL resolver would treat as navigation) become %2E and
// %2E%2E. Whatever a caller passes cannot add a segment, a query or a
// fragment, or climb the path.
func Segment(id string) string {
	switch id {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return url.PathEscape(id)
}

// TIPath joins parts under /security/threatIntelligence, each escaped as one
// segment: TIPath("hosts", id, "reputation").
func TIPath(parts ...string) string {
	var b strings.Builder
	b.WriteString(tiRoot)
	for _, p := range parts {
		b.WriteByte('/')
		b.WriteString(Segment(p))
	}
	return b.String()
}

// newUUID returns a random (version 4) UUID for client-request-id.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
