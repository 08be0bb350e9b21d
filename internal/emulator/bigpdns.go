package emulator

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The synthetic host big.pdns.test has a forward passive DNS history of a million A records,
// computed from their index so that nothing but the current page exists in memory. It exists
// for streaming tests and benchmarks.
const (
	bigPDNSHost     = "big.pdns.test"
	bigPDNSTotal    = 1_000_000
	bigPDNSPageSize = 1000
)

// bigPDNSEpoch is the first firstSeenDateTime of the synthetic history.
func bigPDNSEpoch() time.Time { return time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC) }

// pdnsStream marks a resource served by the synthetic generator.
type pdnsStream struct{}

var streamBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 512<<10); return &b }}

// writeStream pages the synthetic history. $filter, $orderby and $search would need a scan of
// the whole history per page, so they are refused rather than served slowly.
func (e *Emulator) writeStream(w http.ResponseWriter, r *http.Request, version string, res *resource, q *queryOptions) {
	if q.filter != nil || len(q.orderby) > 0 || q.hasSearch {
		e.writeAPIError(w, r, badRequest("$filter, $orderby and $search are not supported on the synthetic host %s.", bigPDNSHost))
		return
	}
	if res.countOnly {
		writeCount(w, bigPDNSTotal)
		return
	}
	p := newPage(bigPDNSTotal, q, bigPDNSPageSize)
	bp := streamBuffers.Get().(*[]byte)
	buf := append((*bp)[:0], collectionHead(version, res, q, bigPDNSTotal, p, r)...)
	sel := selection(q)
	for i := p.start; i < p.end; i++ {
		if i > p.start {
			buf = append(buf, ',')
		}
		buf = appendBigPDNSRecord(buf, i, sel)
	}
	buf = append(buf, "]}"...)
	writeBody(w, http.StatusOK, buf)
	*bp = buf
	streamBuffers.Put(bp)
}

// bigPDNSIP is record i's address: 10.x.y.z, unique for every i below 2^24.
func bigPDNSIP(buf []byte, i int) []byte {
	buf = append(buf, "10."...)
	buf = strconv.AppendInt(buf, int64(i>>16&0xff), 10)
	buf = append(buf, '.')
	buf = strconv.AppendInt(buf, int64(i>>8&0xff), 10)
	buf = append(buf, '.')
	return strconv.AppendInt(buf, int64(i&0xff), 10)
}

// appendBigPDNSRecord writes record i in the documented passiveDnsRecord shape.
func appendBigPDNSRecord(buf []byte, i int, sel map[string]bool) []byte {
	var scratch [64]byte
	ip := bigPDNSIP(scratch[:0], i)
	first := bigPDNSEpoch().Add(time.Duration(i) * 97 * time.Second)
	last := first.Add(time.Duration(i%1000+1) * time.Hour)
	want := func(k string) bool { return sel == nil || sel[k] }

	buf = append(buf, `{"@odata.type":"#microsoft.graph.security.passiveDnsRecord"`...)
	if want("id") {
		var idSrc [96]byte
		src := append(append(idSrc[:0], bigPDNSHost+"$$"...), ip...)
		buf = append(buf, `,"id":"`...)
		buf = base64.StdEncoding.AppendEncode(buf, src)
		buf = append(buf, '"')
	}
	buf = appendTimeField(buf, "firstSeenDateTime", first, want)
	buf = appendTimeField(buf, "lastSeenDateTime", last, want)
	buf = appendTimeField(buf, "collectedDateTime", last.Add(40*time.Minute), want)
	if want("recordType") {
		buf = append(buf, `,"recordType":"A"`...)
	}
	if want("parentHost") {
		buf = append(buf, `,"parentHost":{"id":"`+bigPDNSHost+`"}`...)
	}
	if want("artifact") {
		buf = append(buf, `,"artifact":{"@odata.type":"#microsoft.graph.security.ipAddress","id":"`...)
		buf = append(buf, ip...)
		buf = append(buf, `"}`...)
	}
	return append(buf, '}')
}

func appendTimeField(buf []byte, name string, t time.Time, want func(string) bool) []byte {
	if !want(name) {
		return buf
	}
	buf = append(buf, `,"`...)
	buf = append(buf, name...)
	buf = append(buf, `":"`...)
	buf = t.AppendFormat(buf, "2006-01-02T15:04:05Z")
	return append(buf, '"')
}
