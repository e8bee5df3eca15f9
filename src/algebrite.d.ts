declare module "algebrite" {
  interface AlgebriteValue {
    toString(): string;
  }
  const Algebrite: {
    run(script: string): string;
    eval(expr: string): AlgebriteValue;
    clearall(): void;
  };
  export default Algebrite;
}
