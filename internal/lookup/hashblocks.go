package lookup

import (
	"container/heap"
	"slices"
)

// hashBlock is how many hashes a block holds. The first pass keeps one 64-bit hash per
// input in blocks of this size rather than one slice, so that growing never copies what
// it holds: a slice that doubles needs its old and its new array at once, and the garbage
// collector's headroom doubles that again. The first block grows as a slice does, so a
// short list costs a short slice.
const hashBlock = 1 << 15 // 256 KiB

// hashBlocks are the hashes of a run's keys, in blocks of hashBlock.
type hashBlocks [][]uint64

func (b *hashBlocks) add(h uint64) {
	last := len(*b) - 1
	if last < 0 || len((*b)[last]) == hashBlock {
		size := 0
		if last >= 0 {
			size = hashBlock
		}
		*b = append(*b, make([]uint64, 0, size))
		last++
	}
	(*b)[last] = append((*b)[last], h)
}

// merge sorts every block in place, then calls each for every distinct hash in ascending
// order with the number of times it occurs.
func (b hashBlocks) merge(each func(h uint64, n int)) {
	var m blockHeap
	for _, blk := range b {
		slices.Sort(blk)
		if len(blk) > 0 {
			m = append(m, blk)
		}
	}
	heap.Init(&m)
	for m.Len() > 0 {
		h, n := m[0][0], 0
		for m.Len() > 0 && m[0][0] == h {
			n++
			if m[0] = m[0][1:]; len(m[0]) == 0 {
				heap.Pop(&m)
			} else {
				heap.Fix(&m, 0)
			}
		}
		each(h, n)
	}
}

// blockHeap orders sorted blocks by their first hash.
type blockHeap [][]uint64

func (m blockHeap) Len() int           { return len(m) }
func (m blockHeap) Less(i, j int) bool { return m[i][0] < m[j][0] }
func (m blockHeap) Swap(i, j int)      { m[i], m[j] = m[j], m[i] }
func (m *blockHeap) Push(x any)        { *m = append(*m, x.([]uint64)) }
func (m *blockHeap) Pop() any {
	old := *m
	x := old[len(old)-1]
	*m = old[:len(old)-1]
	return x
}
