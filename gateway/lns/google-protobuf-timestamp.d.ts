/** Types for the one google-protobuf module the ChirpStack fixtures use (the package ships none). */
declare module 'google-protobuf/google/protobuf/timestamp_pb.js' {
  namespace timestampPb {
    class Timestamp {
      getSeconds(): number;
      setSeconds(value: number): void;
      getNanos(): number;
      setNanos(value: number): void;
    }
  }
  export = timestampPb;
}
